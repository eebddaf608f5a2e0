namespace LabelStudio.Formats.Tests.Conversion.ImageExport;

/// <summary>Fixture cases a format's fixture test leaves out, each with the reason.</summary>
internal static class ImageExportHarnessExclusions
{
    public static string[] For(string format) => format switch
    {
        // Needs LOCAL_FILES_DOCUMENT_ROOT: the official COCO reads the real image size from the local file and
        // this VOC expectation was produced with download_resources (images/ copied); media resolution is not
        // part of these exporters yet.
        "COCO" or "VOC" => ["with_images_local_files"],
        _ => [],
    };
}
