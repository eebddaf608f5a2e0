using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Tests.Conversion;

public class ConversionReportTests
{
    [Test]
    public void Add_EachKind_CountedSeparatelyAndByReason()
    {
        var report = new ConversionReport();

        report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "missing-image-size", "no size") { TaskIndex = 0, RegionId = "a" });
        report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "missing-image-size", "no size") { TaskIndex = 1, RegionId = "b" });
        report.Add(new ConversionIssue(ConversionIssueKind.DroppedTask, "no-annotations", "empty"));
        report.Add(new ConversionIssue(ConversionIssueKind.Warning, "out-of-range", "x > 100"));

        report.DroppedRegions.Should().Be(2);
        report.DroppedTasks.Should().Be(1);
        report.DroppedAnnotations.Should().Be(0);
        report.Warnings.Should().Be(1);
        report.IsLossless.Should().BeFalse();
        report.CountsByReason.Should().BeEquivalentTo(new Dictionary<string, long>
        {
            ["missing-image-size"] = 2,
            ["no-annotations"] = 1,
            ["out-of-range"] = 1,
        });
    }

    [Test]
    public void Add_MoreIssuesThanKept_CountsAllKeepsFirst()
    {
        var report = new ConversionReport(maxRecordedIssues: 3);

        for (var i = 0; i < 10; i++)
        {
            report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "r", "m") { TaskIndex = i });
        }

        report.DroppedRegions.Should().Be(10);
        report.Issues.Select(i => i.TaskIndex).Should().Equal(0L, 1L, 2L);
    }

    [Test]
    public void TryCountOnly_RoomLeft_FalseAndNothingCounted()
    {
        var report = new ConversionReport(maxRecordedIssues: 2);
        report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "r", "m"));

        report.TryCountOnly(ConversionIssueKind.DroppedRegion, "r").Should().BeFalse();

        report.DroppedRegions.Should().Be(1);
        report.CountsByReason.Should().BeEquivalentTo(new Dictionary<string, long> { ["r"] = 1 });
    }

    [Test]
    public void TryCountOnly_Full_TrueCountsKindAndReasonRecordsNothing()
    {
        var report = new ConversionReport(maxRecordedIssues: 1);
        report.Add(new ConversionIssue(ConversionIssueKind.Warning, "first", "m"));

        report.TryCountOnly(ConversionIssueKind.DroppedAnnotation, "later").Should().BeTrue();
        report.TryCountOnly(ConversionIssueKind.DroppedAnnotation, "later").Should().BeTrue();

        report.DroppedAnnotations.Should().Be(2);
        report.Warnings.Should().Be(1);
        report.CountsByReason.Should().BeEquivalentTo(new Dictionary<string, long> { ["first"] = 1, ["later"] = 2 });
        report.Issues.Select(i => i.Reason).Should().Equal("first");
    }

    [Test]
    public void TryCountOnly_ZeroKept_AlwaysTrue()
    {
        var report = new ConversionReport(maxRecordedIssues: 0);

        report.TryCountOnly(ConversionIssueKind.DroppedTask, "t").Should().BeTrue();

        report.DroppedTasks.Should().Be(1);
        report.Issues.Should().BeEmpty();
    }

    [Test]
    public void TryCountOnly_UnknownKind_Throws()
    {
        var report = new ConversionReport(maxRecordedIssues: 0);

        var act = () => report.TryCountOnly((ConversionIssueKind)99, "x");

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("kind");
        report.CountsByReason.Should().BeEmpty();
    }

    // A recorder's report keeps every issue; whether an issue is still worth building depends on the report it is
    // replayed into. Counted-only issues replay as counts, never as recorded issues.
    [Test]
    public void TryCountOnly_RecorderOfFullTarget_ReplaysCountsOnly()
    {
        var target = new ConversionReport(maxRecordedIssues: 1);
        var recorder = new ReportRecorder();
        recorder.Report.ReplayTarget = target;
        var mark = recorder.Mark();

        recorder.Report.TryCountOnly(ConversionIssueKind.DroppedRegion, "r").Should().BeFalse("the target still has room");
        recorder.Report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "r", "kept") { TaskIndex = 0 });
        recorder.Since(mark).ReplayInto(target);
        var second = recorder.Mark();
        recorder.Report.TryCountOnly(ConversionIssueKind.DroppedRegion, "r").Should().BeTrue("the target is full");
        recorder.Report.TryCountOnly(ConversionIssueKind.Warning, "w").Should().BeTrue();
        recorder.Since(second).ReplayInto(target);

        target.DroppedRegions.Should().Be(2);
        target.Warnings.Should().Be(1);
        target.CountsByReason.Should().BeEquivalentTo(new Dictionary<string, long> { ["r"] = 2, ["w"] = 1 });
        target.Issues.Select(i => i.Message).Should().Equal("kept");
    }

    [Test]
    public void IsLossless_OnlyWarnings_True()
    {
        var report = new ConversionReport();
        report.TaskRead();
        report.TaskWritten();
        report.ItemsAdded(3);
        report.Add(new ConversionIssue(ConversionIssueKind.Warning, "w", "m"));

        report.IsLossless.Should().BeTrue();
        report.Summarize().First().Should().Be("1 task(s) read, 1 written, 3 item(s) written");
    }

    [Test]
    public async Task Add_FromManyThreads_NoCountLost()
    {
        var report = new ConversionReport();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                report.Add(new ConversionIssue(ConversionIssueKind.DroppedRegion, "r", "m"));
                report.TaskRead();
            }
        })));

        report.DroppedRegions.Should().Be(8000);
        report.TasksRead.Should().Be(8000);
        report.CountsByReason["r"].Should().Be(8000);
    }

    [Test]
    public void ToString_NamesThePlace()
    {
        var issue = new ConversionIssue(ConversionIssueKind.DroppedRegion, "missing-image-size", "original_width is missing")
        {
            TaskIndex = 4,
            TaskId = 17,
            AnnotationId = 3,
            RegionId = "r1",
        };

        issue.ToString().Should().Be("task #4, id 17, annotation 3, region r1: DroppedRegion (missing-image-size): original_width is missing");
    }
}
