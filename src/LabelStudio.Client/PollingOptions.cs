namespace LabelStudio.Client;

/// <summary>How a long-running job (import, export snapshot, conversion, storage sync) is polled.</summary>
public sealed class PollingOptions
{
    /// <summary>Delay before the first status request. Default 1 s.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The delay doubles after each poll up to this cap. Default 10 s.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Overall time allowed for the job, separate from the HTTP timeouts. Default 10 min.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    internal IEnumerable<string> Validate()
    {
        if (Interval < TimeSpan.Zero)
        {
            yield return "Polling.Interval must not be negative.";
        }

        if (MaxInterval < Interval)
        {
            yield return "Polling.MaxInterval must not be below Polling.Interval.";
        }

        if (Timeout <= TimeSpan.Zero)
        {
            yield return "Polling.Timeout must be positive.";
        }
    }
}
