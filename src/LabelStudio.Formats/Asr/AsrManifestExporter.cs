using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Conversion;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Asr;

/// <summary>
/// ASR_MANIFEST (<c>manifest.json</c> JSON Lines + <c>audio/</c>), as the official converter writes it: one line
/// per annotation with the audio copied into <c>audio/</c>, its WAV duration, the first transcript and the
/// annotator. Audio that cannot be obtained drops the item, recorded in the report.
/// </summary>
public sealed class AsrManifestExporter : IExporter
{
    /// <inheritdoc />
    public ExportFormat Format => ExportFormat.AsrManifest;

    /// <inheritdoc />
    public bool RequiresConfig => true;

    /// <inheritdoc />
    public bool IsSupported(LabelConfig? config) => config is not null && SupportedFormats.For(config).Contains(Format);

    /// <inheritdoc />
    public async Task ExportAsync(ExportContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Config is null)
        {
            throw new ConversionException("ASR_MANIFEST needs the labeling config.");
        }

        var schema = ExportSchema.From(context.Config);
        var dataKey = context.Config.Objects.FirstOrDefault(o => o.TagName is "Audio" or "AudioPlus" && o.DataKey is not null)?.DataKey
            ?? (schema.DataKeys.Count > 0 ? schema.DataKeys[0] : null)
            ?? throw new ConversionException("ASR_MANIFEST needs an Audio object with a $data key in the labeling config.");
        var fixUnannotated = context.Options is AsrManifestOptions { EmptyTranscriptForUnannotated: true };
        var audioDirectory = Path.Combine(context.OutputDirectory, "audio");
        Directory.CreateDirectory(audioDirectory);
        var manifest = new StreamWriter(Path.Combine(context.OutputDirectory, "manifest.json"), append: false, new UTF8Encoding(false));
        await using (manifest.ConfigureAwait(false))
        {
            manifest.NewLine = "\n";
            string? previousText = null;
            await foreach (var item in ExportItemReader.ReadTypedAsync(context, schema, cancellationToken).ConfigureAwait(false))
            {
                var place = new ConversionIssue(ConversionIssueKind.DroppedAnnotation, "x", "x") { TaskIndex = item.TaskIndex, TaskId = item.Task.Id, AnnotationId = item.Annotation?.Id };
                if (item.Task.Data[dataKey] is not JsonValue audioValue || !audioValue.TryGetValue<string>(out var audio))
                {
                    context.Report.Add(place with { Reason = "missing-audio", Message = $"The task has no audio URL in data['{dataKey}']." });
                    continue;
                }

                var (fileName, duration) = await CopyAudioAsync(context, audio, audioDirectory, item.Task.Id, place, cancellationToken).ConfigureAwait(false);
                if (fileName is null)
                {
                    continue;
                }

                var text = FirstTranscript(item);
                if (item.Annotation is null || text is null)
                {
                    if (!fixUnannotated && item.Annotation is null)
                    {
                        context.Report.Add(place with { Kind = ConversionIssueKind.Warning, Reason = "transcript-from-previous-task", Message = "The task has no annotation; as the official converter does, it got the previous item's transcript (set EmptyTranscriptForUnannotated to write an empty one)." });
                        text = previousText ?? string.Empty;
                    }
                    else
                    {
                        text ??= string.Empty;
                    }
                }

                previousText = text;
                await manifest.WriteLineAsync(Line(fileName, duration, text, Annotator(item.Annotation)).AsMemory(), cancellationToken).ConfigureAwait(false);
                context.Report.ItemsAdded();
            }
        }
    }

    private static async Task<(string? FileName, double Duration)> CopyAudioAsync(ExportContext context, string audio, string audioDirectory, long? taskId, ConversionIssue place, CancellationToken cancellationToken)
    {
        if (context.Media is null)
        {
            context.Report.Add(place with { Reason = "no-media-source", Message = "No media source is configured to read the audio (set an upload directory or local-files root)." });
            return (null, 0);
        }

        try
        {
            var content = await context.Media.OpenAsync(audio, new MediaContext(taskId), cancellationToken).ConfigureAwait(false);
            await using (content.ConfigureAwait(false))
            {
                var fileName = Path.GetFileName(content.FileName);
                var target = Path.Combine(audioDirectory, fileName);
                var output = OutputFile.Create(target, 1 << 16, FileOptions.Asynchronous, FileAccess.ReadWrite);
                await using (output.ConfigureAwait(false))
                {
                    await content.Content.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                    output.Position = 0;
                    if (await WavDuration.ReadAsync(output, cancellationToken).ConfigureAwait(false) is { } duration)
                    {
                        return ("audio/" + fileName, duration);
                    }
                }

                File.Delete(target);
                context.Report.Add(place with { Reason = "audio-not-pcm-wav", Message = "The audio is not a PCM WAV file, so its duration cannot be read (the official converter skips it too)." });
                return (null, 0);
            }
        }
        catch (MediaException exception)
        {
            context.Report.Add(place with { Reason = "audio-unavailable", Message = $"The audio could not be read: {exception.Message}" });
            return (null, 0);
        }
    }

    private static string? FirstTranscript(TypedExportItem item)
    {
        foreach (var (_, type, results) in item.Outputs)
        {
            foreach (var result in results)
            {
                var value = ExportItemReader.ValueObject(result, type);
                if (value["text"] is JsonArray { Count: > 0 } texts && texts[0] is JsonValue t && t.TryGetValue<string>(out var text))
                {
                    return text;
                }
            }
        }

        return null;
    }

    // get_annotator(item, default=""): str(completed_by) (None, True, 4.0), a user object's email or "".
    private static string Annotator(Annotation? annotation) => AnnotationFields.AnnotatorText(annotation);

    /// <summary>Python's json.dumps with its default separators.</summary>
    private static string Line(string fileName, double duration, string text, string annotator) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"audio_filepath\": {Quote(fileName)}, \"duration\": {PythonFloat(duration)}, \"text\": {Quote(text)}, \"annotator\": {Quote(annotator)}}}");

    /// <summary>
    /// A string as Python's <c>json.dumps</c> writes it (<c>ensure_ascii=True</c>): <c>"</c>, <c>\</c> and control
    /// characters escaped (<c>\n</c>, <c>\u0001</c>), every UTF-16 unit outside space..tilde (DEL too) as <c>\uxxxx</c> in lower-case hex
    /// (a surrogate pair as two), nothing else (no HTML escaping, <c>/</c> kept).
    /// </summary>
    internal static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case < ' ' or > '~':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    private static string PythonFloat(double value) => ImageExport.PythonFloat.Format(value);
}
