using System.Diagnostics.Tracing;
using System.Globalization;

namespace LabelStudio.Benchmarks;

/// <summary>
/// Sums the runtime's sampled allocation events (<c>GCAllocationTick</c>, about one per 100 KB allocated) by type name, so a
/// run can print which types its allocations go to (<c>LABELSTUDIO_BENCH_ALLOCS=1</c>). Each event carries the bytes
/// allocated since the previous one on that heap and names the type whose allocation crossed the threshold, so large
/// totals are accurate and types below ~1 % are noise.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEventId = 10;

    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _events;

    /// <summary>Starts a sampler when <c>LABELSTUDIO_BENCH_ALLOCS=1</c>; otherwise null.</summary>
    public static AllocationSampler? StartIfRequested() =>
        Environment.GetEnvironmentVariable("LABELSTUDIO_BENCH_ALLOCS") == "1" ? new AllocationSampler() : null;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeProvider)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEventId || eventData.PayloadNames is not { } names || eventData.Payload is not { } payload)
        {
            return;
        }

        long bytes = 0;
        var typeName = "?";
        for (var i = 0; i < names.Count; i++)
        {
            switch (names[i])
            {
                // Version 2+ carries the 64-bit amount; the 32-bit one wraps for allocations over 4 GB.
                case "AllocationAmount64":
                    bytes = Convert.ToInt64(payload[i], CultureInfo.InvariantCulture);
                    break;
                case "AllocationAmount" when bytes == 0:
                    bytes = Convert.ToInt64(payload[i], CultureInfo.InvariantCulture);
                    break;
                case "TypeName":
                    typeName = payload[i] as string ?? "?";
                    break;
            }
        }

        lock (_gate)
        {
            _events++;
            _bytesByType[typeName] = _bytesByType.GetValueOrDefault(typeName) + bytes;
        }
    }

    /// <summary>Prints the <paramref name="top"/> types by sampled bytes (MB and share of the sampled total).</summary>
    public void Report(TextWriter output, int top = 30)
    {
        KeyValuePair<string, long>[] rows;
        long events;
        lock (_gate)
        {
            rows = [.. _bytesByType];
            events = _events;
        }

        var total = rows.Sum(row => row.Value);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocation samples: {events} events, {total / 1e6:F0} MB sampled, top {top} types:"));
        foreach (var (type, bytes) in rows.OrderByDescending(row => row.Value).Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6,9:F1} MB {100.0 * bytes / Math.Max(total, 1),5:F1} %  {type}"));
        }
    }
}
