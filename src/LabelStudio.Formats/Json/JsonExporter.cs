using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Json;

/// <summary>JSON (<c>result.json</c>): the tasks as read, written back losslessly (the official converter copies the file).</summary>
public sealed class JsonExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.Json;

    /// <inheritdoc />
    public bool RequiresConfig => false;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => true;

    /// <inheritdoc />
    public async Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = Path.Combine(context.OutputDirectory, "result.json");
        await LabelStudioJson.WriteTasksToFileAsync(path, Counted(context, cancellationToken), new LabelStudioJsonWriterOptions { Indented = true }, cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<Models.LabelStudioTask> Counted(ExportContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var task in context.Tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            context.Report.TaskRead();
            context.Report.TaskWritten();
            context.Report.ItemsAdded();
            if (++count % 256 == 0)
            {
                context.Progress?.Report(count);
            }

            yield return task;
        }

        context.Progress?.Report(count);
    }
}
