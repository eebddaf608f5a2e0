namespace LabelStudio.Formats.Import;

/// <summary>Options of <see cref="YoloImporter"/>; the defaults are the official importer's.</summary>
public sealed class YoloImportOptions
{
    /// <summary>The Image object's name (<c>to_name</c>), <c>image</c> by default.</summary>
    public string ToName { get; set; } = "image";

    /// <summary>The RectangleLabels control's name (<c>from_name</c>), <c>label</c> by default.</summary>
    public string FromName { get; set; } = "label";

    /// <summary>Annotations (default) or predictions.</summary>
    public ImportOutputType OutputType { get; set; } = ImportOutputType.Annotations;

    /// <summary>Prefix of every image URL, <c>/data/local-files/?d=images</c> by default.</summary>
    public string ImageRootUrl { get; set; } = "/data/local-files/?d=images";

    /// <summary>File name endings that make a file in <c>images/</c> an image (compared ignoring case).</summary>
    public IReadOnlyList<string> ImageExtensions { get; set; } = [".jpg", ".jpeg", ".png"];

    /// <summary>The width and height of every image; when null (the default) each size is read from the image file's header.</summary>
    public (int Width, int Height)? ImageDimensions { get; set; }

    /// <summary>Receives the number of tasks written so far, now and then.</summary>
    public IProgress<long>? Progress { get; set; }
}
