namespace LabelStudio.Host.Models;

/// <summary>One labelled text (ML.NET input row; public because ML.NET builds its row types by reflection).</summary>
public sealed class TextExample
{
    /// <summary>The text.</summary>
    public string Text { get; set; } = string.Empty;

    /// <summary>The chosen label.</summary>
    public string Label { get; set; } = string.Empty;
}
