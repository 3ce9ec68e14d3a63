namespace Perstack.Skills.Base;

/// <summary>What the base skill remembers between calls: the todo list and the thought history. Thread-safe.</summary>
internal sealed class BaseSkillState
{
    private readonly Lock _lock = new();
    private readonly List<TodoItem> _todos = [];
    private readonly List<(string Thought, bool? NextThoughtNeeded)> _thoughts = [];
    private int _nextTodoId;

    /// <summary>Adds todos (new ids, never reused until cleared), marks ids complete, returns the whole list.</summary>
    public IReadOnlyList<TodoItem> UpdateTodos(IReadOnlyList<string>? newTodos, IReadOnlyList<long>? completedTodos)
    {
        lock (_lock)
        {
            foreach (var title in newTodos ?? [])
            {
                _todos.Add(new TodoItem(_nextTodoId++, title, Completed: false));
            }

            if (completedTodos is not null)
            {
                for (int i = 0; i < _todos.Count; i++)
                {
                    if (!_todos[i].Completed && completedTodos.Contains(_todos[i].Id))
                    {
                        _todos[i] = _todos[i] with { Completed = true };
                    }
                }
            }

            return [.. _todos];
        }
    }

    /// <summary>Empties the list and restarts ids at 0.</summary>
    public void ClearTodos()
    {
        lock (_lock)
        {
            _todos.Clear();
            _nextTodoId = 0;
        }
    }

    /// <summary>The todos not completed yet.</summary>
    public IReadOnlyList<TodoItem> RemainingTodos()
    {
        lock (_lock)
        {
            return [.. _todos.Where(todo => !todo.Completed)];
        }
    }

    /// <summary>Records a thought; returns how many have been recorded.</summary>
    public int RecordThought(string thought, bool? nextThoughtNeeded)
    {
        lock (_lock)
        {
            _thoughts.Add((thought, nextThoughtNeeded));
            return _thoughts.Count;
        }
    }
}

/// <summary>One todo.</summary>
internal sealed record TodoItem(long Id, string Title, bool Completed);
