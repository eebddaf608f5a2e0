using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using LabelStudio.Config;
using LabelStudio.Formats.Media;
using LabelStudio.Formats.Models;
using Spectre.Console;

namespace LabelStudio.Host.Downloads;

/// <summary>
/// Collects the media references of the tasks an export reads (the values of the config's media objects, e.g. every
/// <c>&lt;Image value="$image"&gt;</c>) and downloads each distinct one into a <see cref="MediaDownloadCache"/>
/// before the conversion runs, so every failure is known, with its task, before anything is written.
/// </summary>
internal sealed class MediaPrefetch
{
    private const int Parallelism = 4;

    private readonly Dictionary<string, long?> _references = new(StringComparer.Ordinal);
    private readonly string[] _dataKeys;

    /// <param name="config">The project's labeling config.</param>
    /// <param name="tagNames">The object tags whose media the export copies (Image for the image formats).</param>
    public MediaPrefetch(LabelConfig config, IReadOnlyCollection<string> tagNames)
    {
        ArgumentNullException.ThrowIfNull(config);
        _dataKeys = [.. config.Objects
            .Where(o => o.DataKey is not null && tagNames.Contains(o.TagName, StringComparer.OrdinalIgnoreCase))
            .Select(o => o.DataKey!)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The distinct references collected so far.</summary>
    public int Count => _references.Count;

    /// <summary>Whether the config has a media object to collect from.</summary>
    public bool HasMediaObjects => _dataKeys.Length > 0;

    /// <summary>Notes the media references of <paramref name="task"/> (the first task naming a reference is the one reported).</summary>
    public void Collect(LabelStudioTask task)
    {
        foreach (var key in _dataKeys)
        {
            switch (task.Data[key])
            {
                case JsonValue value when value.TryGetValue<string>(out var reference):
                    Add(reference, task.Id);
                    break;
                case JsonArray list:
                    foreach (var item in list)
                    {
                        if (item is JsonValue element && element.TryGetValue<string>(out var listed))
                        {
                            Add(listed, task.Id);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>Downloads every collected reference (at most <see cref="Parallelism"/> at a time), never stopping at a failure.</summary>
    public async Task<PrefetchResult> RunAsync(MediaDownloadCache cache, CliEnvironment environment, long projectId, CancellationToken cancellationToken)
    {
        var result = new PrefetchResult(_references.Count);
        if (environment.ErrorIsTerminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(environment.Error) });
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask("downloading media", maxValue: Math.Max(1, _references.Count));
                    await DownloadAllAsync(cache, projectId, result, () => bar.Increment(1), cancellationToken).ConfigureAwait(false);
                    bar.StopTask();
                }).ConfigureAwait(false);
        }
        else
        {
            // Redirected stderr: a plain line at every tenth, no cursor tricks.
            var lastTenth = 0;
            var gate = new object();
            await DownloadAllAsync(cache, projectId, result, () =>
            {
                lock (gate)
                {
                    var tenth = (int)(result.Done * 10 / Math.Max(1, result.Total));
                    if (tenth > lastTenth)
                    {
                        lastTenth = tenth;
                        environment.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"media: {result.Done}/{result.Total} file(s)"));
                    }
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task DownloadAllAsync(MediaDownloadCache cache, long projectId, PrefetchResult result, Action advanced, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            _references,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                var (reference, taskId) = entry;
                try
                {
                    var outcome = await cache.FetchAsync(reference, new MediaContext(taskId, projectId), token).ConfigureAwait(false);
                    result.Count(outcome);
                }
                catch (Exception exception) when (exception is MediaException or HttpRequestException or IOException or UnauthorizedAccessException or TimeoutException
                    || (exception is OperationCanceledException && !token.IsCancellationRequested))
                {
                    result.Fail(new MediaFailure(taskId, MediaReference.Redact(reference), Describe(exception)));
                }

                advanced();
            }).ConfigureAwait(false);
    }

    private static string Describe(Exception exception) => exception switch
    {
        MediaException media => media.Message,
        OperationCanceledException => "timed out",
        _ => exception.Message,
    };

    private void Add(string reference, long? taskId)
    {
        if (!string.IsNullOrWhiteSpace(reference))
        {
            _references.TryAdd(reference, taskId);
        }
    }
}

/// <summary>A media file that could not be downloaded: which task named it, the (redacted) reference, and why.</summary>
internal sealed record MediaFailure(long? TaskId, string Reference, string Reason);

/// <summary>Counts of a <see cref="MediaPrefetch"/> run; thread-safe while it runs.</summary>
internal sealed class PrefetchResult(int total)
{
    private readonly ConcurrentBag<MediaFailure> _failures = [];
    private int _downloaded;
    private int _resumed;
    private int _reused;

    public int Total { get; } = total;

    public int Downloaded => _downloaded;

    public int Resumed => _resumed;

    public int Reused => _reused;

    public int Done => _downloaded + _resumed + _reused + _failures.Count;

    /// <summary>The failures, ordered by task id then reference.</summary>
    public IReadOnlyList<MediaFailure> Failures => [.. _failures.OrderBy(f => f.TaskId ?? long.MaxValue).ThenBy(f => f.Reference, StringComparer.Ordinal)];

    public void Count(DownloadOutcome outcome)
    {
        switch (outcome)
        {
            case DownloadOutcome.Reused:
                Interlocked.Increment(ref _reused);
                break;
            case DownloadOutcome.Resumed:
                Interlocked.Increment(ref _resumed);
                break;
            default:
                Interlocked.Increment(ref _downloaded);
                break;
        }
    }

    public void Fail(MediaFailure failure) => _failures.Add(failure);
}
