namespace LabelStudio.Client.Jobs;

/// <summary>Polls a job until it is done: interval doubling up to a cap, an overall timeout on the client's clock, cancellation.</summary>
internal static class JobPoller
{
    public static async Task<T> PollAsync<T>(
        string job,
        T initial,
        Func<CancellationToken, Task<T>> fetch,
        Func<T, bool> isDone,
        PollingOptions polling,
        TimeProvider timeProvider,
        IProgress<T>? progress,
        CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + polling.Timeout;
        var interval = polling.Interval;
        var current = initial;
        progress?.Report(current);
        while (!isDone(current))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (timeProvider.GetUtcNow() + interval > deadline)
            {
                throw new TimeoutException($"The {job} did not finish within {polling.Timeout} (polling timeout); it may still be running on the server.");
            }

            if (interval > TimeSpan.Zero)
            {
                await Task.Delay(interval, timeProvider, cancellationToken).ConfigureAwait(false);
            }

            current = await fetch(cancellationToken).ConfigureAwait(false);
            progress?.Report(current);
            var doubled = interval * 2;
            interval = doubled > polling.MaxInterval ? polling.MaxInterval : doubled;
        }

        return current;
    }

    public static bool IsFinal(JobStatus? status) =>
        status == JobStatus.Completed || status == JobStatus.Failed || status == JobStatus.CompletedWithErrors;
}
