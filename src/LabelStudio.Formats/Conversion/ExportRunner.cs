using System.Diagnostics.CodeAnalysis;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Conversion;

/// <summary>
/// Runs one export: reads a Label Studio JSON export from a stream once, lets the format's exporter write into a
/// fresh staging folder beside the output folder, and moves the files into the output folder only when the export
/// succeeded. A failed or cancelled run leaves the output folder as it was.
/// </summary>
public sealed class ExportRunner
{
    private readonly ExporterRegistry _registry;

    /// <summary>Creates a runner over <paramref name="registry"/> (every exporter of this package when null).</summary>
    public ExportRunner(ExporterRegistry? registry = null)
    {
        _registry = registry ?? ExporterRegistry.CreateDefault();
    }

    /// <summary>The exporters this runner can use.</summary>
    public ExporterRegistry Registry => _registry;

    /// <summary>Exports <paramref name="input"/> (a JSON export) as <paramref name="format"/> into <paramref name="outputDirectory"/>.</summary>
    /// <returns>What was read, written and dropped.</returns>
    /// <exception cref="ArgumentException">The format is unknown, or needs a config that was not given.</exception>
    /// <exception cref="LabelStudioJsonException">The input is not a valid export; the message names the place.</exception>
    /// <exception cref="ConversionException">The input cannot be exported in this format.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter's type (a JSON stream or a task sequence), so no call binds ambiguously.")]
    public Task<ConversionReport> RunAsync(Stream input, ExportFormat format, string outputDirectory, ExportRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var readerOptions = new LabelStudioJsonReaderOptions { SkippedTaskMembers = _registry.TryGet(format, out var reading) ? SkippableMembers(reading) : SkippedTaskMembers.None };
        return RunCoreAsync(ct => LabelStudioJson.ReadTasksAsync(input, readerOptions, ct), format, outputDirectory, options, cancellationToken);
    }

    /// <summary>
    /// Exports <paramref name="tasks"/> as <paramref name="format"/> into <paramref name="outputDirectory"/>, reading
    /// the sequence once, in order: for tasks paged from the API or produced in code, without a temporary export file.
    /// The output appears only when the export succeeded, as with the stream overload; an exception thrown by the
    /// sequence fails the export and leaves the output folder as it was.
    /// </summary>
    /// <returns>What was read, written and dropped.</returns>
    /// <exception cref="ArgumentException">The format is unknown, or needs a config that was not given.</exception>
    /// <exception cref="ConversionException">The tasks cannot be exported in this format.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter's type (a JSON stream or a task sequence), so no call binds ambiguously.")]
    public Task<ConversionReport> RunAsync(IAsyncEnumerable<LabelStudioTask> tasks, ExportFormat format, string outputDirectory, ExportRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        return RunCoreAsync(_ => tasks, format, outputDirectory, options, cancellationToken);
    }

    private async Task<ConversionReport> RunCoreAsync(Func<CancellationToken, IAsyncEnumerable<LabelStudioTask>> openTasks, ExportFormat format, string outputDirectory, ExportRunOptions? options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        options ??= new ExportRunOptions();
        if (!_registry.TryGet(format, out var exporter))
        {
            throw new ArgumentException($"Unknown export format '{format}'. Known: {string.Join(", ", _registry.Formats)}.", nameof(format));
        }

        if (exporter.RequiresConfig && options.Config is null)
        {
            throw new ArgumentException($"{format} needs the labeling config.", nameof(options));
        }

        var output = Path.GetFullPath(outputDirectory);
        var parent = Path.GetDirectoryName(output.TrimEnd(Path.DirectorySeparatorChar)) ?? output;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(output.TrimEnd(Path.DirectorySeparatorChar))}.staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        var report = options.Report ?? new ConversionReport();
        try
        {
            var context = new ExportContext
            {
                Tasks = openTasks(cancellationToken),
                Config = options.Config,
                OutputDirectory = staging,
                Options = options.ExportOptions,
                Media = options.Media,
                Report = report,
                Progress = options.Progress,
            };
            await exporter.ExportAsync(context, cancellationToken).ConfigureAwait(false);
            MoveInto(staging, output);
            return report;
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static void MoveInto(string staging, string output)
    {
        // A new (or empty) output folder takes the whole staging folder in one rename: a YOLO export holds one file
        // per image, and moving 100 000 files one by one costs seconds.
        if (Directory.Exists(output) && !Directory.EnumerateFileSystemEntries(output).Any())
        {
            Directory.Delete(output);
        }

        if (!Directory.Exists(output) && TryRename(staging, output))
        {
            return;
        }

        Directory.CreateDirectory(output);
        ThrowIfKindsDiffer(staging, output);
        MergeInto(staging, output);
    }

    // Checked before anything moves, so a file where the export has a folder (or the reverse) leaves the output as it was.
    private static void ThrowIfKindsDiffer(string staging, string output)
    {
        foreach (var directory in Directory.EnumerateDirectories(staging))
        {
            var target = Path.Combine(output, Path.GetFileName(directory));
            if (File.Exists(target))
            {
                throw new IOException($"The export writes a folder '{target}', but a file of that name is in the output folder.");
            }

            if (Directory.Exists(target))
            {
                ThrowIfKindsDiffer(directory, target);
            }
        }

        foreach (var file in Directory.EnumerateFiles(staging))
        {
            var target = Path.Combine(output, Path.GetFileName(file));
            if (Directory.Exists(target))
            {
                throw new IOException($"The export writes a file '{target}', but a folder of that name is in the output folder.");
            }
        }
    }

    // Moves the entries of a staged folder into an existing one: an entry the target lacks moves in one rename (a whole
    // labels/ folder at once), a file replaces the target's file of the same name, and a folder both have is merged the
    // same way; the target's other entries stay.
    private static void MergeInto(string staging, string output)
    {
        // Listed before moving: a folder read while entries leave it may skip some.
        foreach (var directory in Directory.GetDirectories(staging))
        {
            var target = Path.Combine(output, Path.GetFileName(directory));
            if (!Directory.Exists(target) && !File.Exists(target) && TryRename(directory, target))
            {
                continue;
            }

            Directory.CreateDirectory(target);
            MergeInto(directory, target);
        }

        foreach (var file in Directory.GetFiles(staging))
        {
            File.Move(file, Path.Combine(output, Path.GetFileName(file)), overwrite: true);
        }
    }

    // One rename of a whole folder; false when the file system refuses it (another volume): the caller then moves its
    // entries one by one.
    private static bool TryRename(string directory, string target)
    {
        try
        {
            Directory.Move(directory, target);
            return true;
        }
        catch (IOException) when (Directory.Exists(directory) && !Directory.Exists(target))
        {
            return false;
        }
    }

    // The members an exporter provably never reads: they are then only checked for well-formed JSON, not built. Every
    // exporter below reads a task's id, data, annotations (and "completions" when those are absent) and an annotation's
    // id, result, was_cancelled and created_at (the newest-first order); none reads predictions, drafts or the
    // bookkeeping of tasks and annotations (counts, ids of other objects, server state). CSV/TSV also write the
    // annotator, updated_at, lead_time and the "history" extension, JSON_MIN the first three, ASR, VOC and the brush
    // formats the annotator. JSON writes the tasks back whole, and an exporter from outside this package may read
    // anything, so both get every member. ExportRunnerTests.SkippedMembers checks each format's output against a whole read.
    // No exporter of this package changes the label lists it reads, so they may be shared (ReadOnlyLabelLists).
    internal static SkippedTaskMembers SkippableMembers(IExporter exporter)
    {
        const SkippedTaskMembers Always = SkippedTaskMembers.Predictions | SkippedTaskMembers.Drafts
            | SkippedTaskMembers.TaskBookkeeping | SkippedTaskMembers.AnnotationBookkeeping | SkippedTaskMembers.ReadOnlyLabelLists;
        return exporter switch
        {
            Csv.CsvExporter => Always,
            JsonMin.JsonMinExporter => Always | SkippedTaskMembers.AnnotationExtensions,
            Asr.AsrManifestExporter or Voc.VocExporter or Brush.BrushToPngExporter or Brush.BrushToNumpyExporter or Brush.BrushToCocoExporter
                => Always | SkippedTaskMembers.AnnotationEditTimes | SkippedTaskMembers.AnnotationExtensions,
            Conll.Conll2003Exporter or Coco.CocoExporter or Coco.CocoWithImagesExporter or Yolo.YoloExporter or Yolo.YoloWithImagesExporter
                or Yolo.YoloObbExporter or Yolo.YoloObbWithImagesExporter
                => Always | SkippedTaskMembers.AnnotationEditTimes | SkippedTaskMembers.AnnotationExtensions | SkippedTaskMembers.AnnotationAuthor,
            _ => SkippedTaskMembers.None,
        };
    }
}
