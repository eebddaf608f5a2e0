using System.Globalization;
using System.Security;
using System.Text;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.ImageExport;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Voc;

/// <summary>
/// Pascal VOC: one <c>Annotations/&lt;image stem&gt;.xml</c> per image with the labelled rectangles, as the
/// official converter writes it (first label of a region, rotation ignored, pixel values truncated toward zero,
/// the first region's <c>original_width/height</c> as the image size). Options: <see cref="ImageExportOptions"/>.
/// </summary>
public sealed class VocExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.Voc;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => ImageFormatSupport.Voc(config);

    /// <inheritdoc />
    public async Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var config = context.Config ?? throw new ConversionException("VOC needs the labeling config.");
        var dataKey = Annotations.ImageDataKey(config);
        var directory = Path.Combine(context.OutputDirectory, "Annotations");
        Directory.CreateDirectory(directory);
        Directory.CreateDirectory(Path.Combine(context.OutputDirectory, "images"));
        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        var written = new Dictionary<string, long>(StringComparer.Ordinal);
        var resources = new ImageResources(context, "VOC", context.Options.DownloadResources);
        long index = 0;
        await foreach (var task in context.Tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            context.Report.TaskRead();
            var taskWritten = false;
            foreach (var item in Annotations.ItemsOf(task, index, config, context.Report))
            {
                if (!item.HasOutput)
                {
                    continue;
                }

                var reference = Annotations.ImageReference(task, dataKey);
                if (reference is null)
                {
                    context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "missing-image", $"task.data has no image under '{dataKey}'.", index, task, item.Annotation));
                    continue;
                }

                var first = item.Regions[0];
                if (first.OriginalWidth is not { } width || first.OriginalHeight is not { } height)
                {
                    // Official: the first region decides the image size; without it the whole item is skipped.
                    context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "missing-image-size", $"The first region has no original_width/original_height, so the image size is unknown; {item.Regions.Count} region(s) not exported.", index, task, item.Annotation, first));
                    continue;
                }

                // Downloading names the file after its copy; a readable image file gives the depth (its band count).
                var image = await resources.ResolveAsync(reference, index, task, cancellationToken).ConfigureAwait(false);
                var fileName = resources.Download && image is not null ? image.FileName : ImagePaths.BaseName(ImagePaths.Resolve(reference));
                var stem = ImagePaths.Stem(fileName);
                var path = Path.Combine(directory, stem + ".xml");
                if (!Path.GetFullPath(path).StartsWith(root, StringComparison.Ordinal))
                {
                    context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedAnnotation, "unsafe-file-name", $"The image name '{stem}' would write outside the output folder.", index, task, item.Annotation));
                    continue;
                }

                var xml = new StringBuilder();
                xml.Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<annotation>\n<folder>images</folder>\n");
                Element(xml, "filename", fileName);
                xml.Append("<source>\n<database>MyDatabase</database>\n<annotation>COCO2017</annotation>\n<image>flickr</image>\n<flickrid>NULL</flickrid>\n");
                Element(xml, "annotator", item.Annotator);
                xml.Append("</source>\n<owner>\n<flickrid>NULL</flickrid>\n<name>Label Studio</name>\n</owner>\n<size>\n");
                Element(xml, "width", width.ToString(CultureInfo.InvariantCulture));
                Element(xml, "height", height.ToString(CultureInfo.InvariantCulture));
                Element(xml, "depth", (image?.Bands ?? 3).ToString(CultureInfo.InvariantCulture));
                xml.Append("</size>\n<segmented>0</segmented>\n");
                var objects = 0;
                foreach (var region in item.Regions)
                {
                    if (region.Value is not RectangleValue box)
                    {
                        context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedRegion, "unsupported-region-type", $"VOC holds rectangles; a '{region.Type}' result is not exported.", index, task, item.Annotation, region));
                        continue;
                    }

                    var labels = region.GetLabels();
                    if (labels.Count == 0)
                    {
                        context.Report.Add(Annotations.Issue(ConversionIssueKind.DroppedRegion, "no-labels", "The region has no label.", index, task, item.Annotation, region));
                        continue;
                    }

                    var xmin = Truncate(box.X / 100 * width);
                    var ymin = Truncate(box.Y / 100 * height);
                    var xmax = xmin + Truncate(box.Width / 100 * width);
                    var ymax = ymin + Truncate(box.Height / 100 * height);
                    xml.Append("<object>\n");
                    Element(xml, "name", labels[0]);
                    xml.Append("<pose>Unspecified</pose>\n<truncated>0</truncated>\n<difficult>0</difficult>\n<bndbox>\n");
                    Element(xml, "xmin", xmin.ToString(CultureInfo.InvariantCulture));
                    Element(xml, "ymin", ymin.ToString(CultureInfo.InvariantCulture));
                    Element(xml, "xmax", xmax.ToString(CultureInfo.InvariantCulture));
                    Element(xml, "ymax", ymax.ToString(CultureInfo.InvariantCulture));
                    xml.Append("</bndbox>\n</object>\n");
                    objects++;
                }

                xml.Append("</annotation>\n");
                if (written.TryGetValue(stem, out var previous))
                {
                    context.Report.Add(Annotations.Issue(ConversionIssueKind.Warning, "annotation-file-overwritten", $"Annotations/{stem}.xml is written again, replacing what task #{previous} wrote (same image name; with several annotators the oldest annotation wins).", index, task, item.Annotation));
                }

                await File.WriteAllTextAsync(path, xml.ToString(), cancellationToken).ConfigureAwait(false);
                written[stem] = index;
                context.Report.ItemsAdded(objects);
                taskWritten = true;
            }

            if (taskWritten)
            {
                context.Report.TaskWritten();
            }

            index++;
            if ((index & 1023) == 0)
            {
                context.Progress?.Report(index);
            }
        }

        context.Progress?.Report(index);
    }

    private static long Truncate(double value) => double.IsFinite(value) ? (long)Math.Truncate(value) : 0;

    private static void Element(StringBuilder xml, string name, string text) =>
        xml.Append('<').Append(name).Append('>').Append(SecurityElement.Escape(text)).Append("</").Append(name).Append(">\n");
}
