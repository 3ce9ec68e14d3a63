using System.ClientModel.Primitives;

namespace Perstack.App.Providers;

/// <summary>Adds one query parameter (Azure's <c>api-version</c>) to every request of an OpenAI SDK client.</summary>
internal sealed class QueryParameterPolicy(string name, string value) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        Apply(message);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }

    private void Apply(PipelineMessage message)
    {
        if (message.Request.Uri is not { } uri)
        {
            return;
        }

        var parameter = $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
        var query = uri.Query.TrimStart('?');
        if (query.Split('&').Any(p => p.StartsWith(Uri.EscapeDataString(name) + "=", StringComparison.Ordinal)))
        {
            return;
        }

        message.Request.Uri = new UriBuilder(uri) { Query = query.Length == 0 ? parameter : $"{query}&{parameter}" }.Uri;
    }
}
