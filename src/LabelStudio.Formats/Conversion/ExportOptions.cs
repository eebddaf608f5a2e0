namespace LabelStudio.Formats.Conversion;

/// <summary>Options every exporter understands; a format's own options derive from this type.</summary>
public class ExportOptions
{
    /// <summary>
    /// Copy or download the media the tasks reference into the output, as Label Studio's "download resources"
    /// export option does. Needs <see cref="ExportContext.Media"/>.
    /// </summary>
    public bool DownloadResources { get; init; }
}
