using LabelStudio.Formats.Asr;
using LabelStudio.Formats.Brush;
using LabelStudio.Formats.Coco;
using LabelStudio.Formats.Conll;
using LabelStudio.Formats.Csv;
using LabelStudio.Formats.Json;
using LabelStudio.Formats.JsonMin;
using LabelStudio.Formats.Voc;
using LabelStudio.Formats.Yolo;

namespace LabelStudio.Formats.Conversion;

/// <summary>The exporters of this package: adding a format is one line here.</summary>
internal static class BuiltInExporters
{
    public static IEnumerable<IExporter> Create() =>
    [
        new JsonExporter(),
        new JsonMinExporter(),
        new CsvExporter(),
        new CsvExporter(tabSeparated: true),
        new Conll2003Exporter(),
        new AsrManifestExporter(),
        new CocoExporter(),
        new CocoWithImagesExporter(),
        new YoloExporter(),
        new YoloWithImagesExporter(),
        new YoloObbExporter(),
        new YoloObbWithImagesExporter(),
        new VocExporter(),
        new BrushToPngExporter(),
        new BrushToNumpyExporter(),
        new BrushToCocoExporter(),
    ];
}
