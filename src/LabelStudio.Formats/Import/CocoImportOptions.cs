namespace LabelStudio.Formats.Import;

/// <summary>Options of <see cref="CocoImporter"/>; the defaults are the official importer's.</summary>
public sealed class CocoImportOptions
{
    /// <summary>The Image object's name (<c>to_name</c>), <c>image</c> by default.</summary>
    public string ToName { get; set; } = "image";

    /// <summary>The control name prefix (<c>from_name</c>), <c>label</c> by default: controls are <c>label_rectangles</c>, <c>labelpolygons</c>, <c>label_keypoints</c>.</summary>
    public string FromName { get; set; } = "label";

    /// <summary>Annotations (default) or predictions.</summary>
    public ImportOutputType OutputType { get; set; } = ImportOutputType.Annotations;

    /// <summary>Prefix of every image URL, <c>/data/local-files/?d=</c> by default (see the README for the joining rule).</summary>
    public string ImageRootUrl { get; set; } = "/data/local-files/?d=";

    /// <summary>Label categories as <c>supercategory:name</c> when they have a supercategory.</summary>
    public bool UseSuperCategories { get; set; }

    /// <summary>The <c>width</c> of imported keypoints, 1 by default.</summary>
    public double PointWidth { get; set; } = 1.0;

    /// <summary>
    /// The largest COCO file accepted; unlimited by default. The file is streamed (read once for its structure, then
    /// each annotation again from its byte range when its task is written), so memory does not follow the file size:
    /// set a limit only to refuse files by size.
    /// </summary>
    public long MaxInputBytes { get; set; } = long.MaxValue;

    /// <summary>Receives the number of tasks written so far, now and then.</summary>
    public IProgress<long>? Progress { get; set; }
}
