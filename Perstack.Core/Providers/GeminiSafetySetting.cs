namespace Perstack.Core.Providers;

/// <summary>
/// One Gemini safety setting (<c>[[provider.setting.safetySettings]]</c> of <c>google</c> and <c>google-vertex</c>): a
/// harm category and the threshold at which Gemini blocks it, named as the reference's
/// <c>VertexSafetySettingConfig</c> and Gemini's API name them; sent as the request's <c>safetySettings</c>.
/// </summary>
/// <param name="Category">A <c>HARM_CATEGORY_*</c> name from <see cref="Categories"/>.</param>
/// <param name="Threshold">A threshold name from <see cref="Thresholds"/>.</param>
public sealed record GeminiSafetySetting(string Category, string Threshold)
{
    /// <summary>The categories the reference's schema allows.</summary>
    public static readonly IReadOnlyList<string> Categories =
    [
        "HARM_CATEGORY_UNSPECIFIED", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_DANGEROUS_CONTENT",
        "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_SEXUALLY_EXPLICIT",
    ];

    /// <summary>The thresholds the reference's schema allows.</summary>
    public static readonly IReadOnlyList<string> Thresholds =
    [
        "HARM_BLOCK_THRESHOLD_UNSPECIFIED", "BLOCK_LOW_AND_ABOVE", "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_ONLY_HIGH", "BLOCK_NONE",
    ];
}
