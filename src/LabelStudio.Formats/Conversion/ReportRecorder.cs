namespace LabelStudio.Formats.Conversion;

/// <summary>
/// Records what per-item work running off the consumer's thread reports (issues, written tasks and items), so the
/// consumer can replay it into the run's <see cref="ConversionReport"/> at the item's place in the output order:
/// the report's issue order stays the one a sequential run gives.
/// </summary>
internal sealed class ReportRecorder
{
    /// <summary>The report the work writes into; it keeps every issue.</summary>
    public ConversionReport Report { get; } = new(int.MaxValue);

    /// <summary>Forgets everything recorded, for the next chunk (the report's list keeps its capacity).</summary>
    public void Reset() => Report.Clear();

    /// <summary>Where the record stands now; pass it to <see cref="Since"/> when the item's work is done.</summary>
    public ReportMark Mark() => new(Report.RecordedIssueCount, Report.TasksWritten, Report.ItemsWritten);

    /// <summary>What was reported since <paramref name="mark"/>.</summary>
    public ReportSlice Since(ReportMark mark) =>
        new(this, mark.Issues, Report.RecordedIssueCount, (int)(Report.TasksWritten - mark.TasksWritten), Report.ItemsWritten - mark.Items);
}

/// <summary>A point in a <see cref="ReportRecorder"/>'s record.</summary>
internal readonly record struct ReportMark(int Issues, long TasksWritten, long Items);

/// <summary>What one item's work reported, to replay in order on the consumer's thread.</summary>
internal readonly record struct ReportSlice(ReportRecorder? Recorder, int IssueStart, int IssueEnd, int TasksWritten, long Items)
{
    /// <summary>Adds the slice's issues (in their order) and counts to <paramref name="target"/>.</summary>
    public void ReplayInto(ConversionReport target)
    {
        Recorder?.Report.ReplayIssuesInto(target, IssueStart, IssueEnd);
        for (var i = 0; i < TasksWritten; i++)
        {
            target.TaskWritten();
        }

        if (Items > 0)
        {
            target.ItemsAdded(Items);
        }
    }
}
