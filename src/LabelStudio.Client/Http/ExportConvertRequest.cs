using LabelStudio.Formats.Conversion;

namespace LabelStudio.Client.Http;

/// <summary>Body of the snapshot conversion call.</summary>
internal sealed class ExportConvertRequest
{
    public ExportFormat ExportType { get; set; }

    public bool? DownloadResources { get; set; }
}
