namespace Perstack.App.Tui.Screens.EventDetail;

/// <summary>What a character of a JSON line is.</summary>
internal enum JsonToken
{
    Punctuation,
    Key,
    String,
    Number,
    Literal,
}
