namespace LabelStudio.Formats.Building;

/// <summary>Settings of a <see cref="ResultBuilder"/>.</summary>
public sealed class ResultBuilderOptions
{
    /// <summary>Pixel width of the image, written as <c>original_width</c> on image regions when set.</summary>
    public int? OriginalWidth { get; set; }

    /// <summary>Pixel height of the image, written as <c>original_height</c> on image regions when set.</summary>
    public int? OriginalHeight { get; set; }

    /// <summary>Makes region ids; default: 10 random letters and digits, as the Label Studio editor makes them.</summary>
    public Func<string>? IdGenerator { get; set; }
}
