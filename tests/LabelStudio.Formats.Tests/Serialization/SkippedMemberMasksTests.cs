using System.Text;
using System.Text.Json;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Serialization;

public class SkippedMemberMasksTests
{
    // A value each member reads without error: the containers need their own kind, every other member takes null.
    private static string ValueOf(string member) => member switch
    {
        "data" => "{}",
        "annotations" or "predictions" or "drafts" or "result" => "[]",
        _ => "null",
    };

    [TestCaseSource(typeof(SkippedMemberMasks), nameof(SkippedMemberMasks.TaskMemberNames))]
    public void TaskBit_EveryTaskMember_IsThePresenceBitTheExactReaderSets(string member)
    {
        // The masks number members as the presence bits do: the exact reader, reading only this member, sets exactly its bit.
        var task = ReadTask($$"""{"{{member}}":{{ValueOf(member)}}}""");

        task.PresentMembers.Should().Be(SkippedMemberMasks.TaskBit(Encoding.UTF8.GetBytes(member)));
    }

    [TestCaseSource(typeof(SkippedMemberMasks), nameof(SkippedMemberMasks.AnnotationMemberNames))]
    public void AnnotationBit_EveryAnnotationMember_IsThePresenceBitTheExactReaderSets(string member)
    {
        var task = ReadTask($$"""{"annotations":[{"{{member}}":{{ValueOf(member)}}}]}""");

        task.Annotations[0].PresentMembers.Should().Be(SkippedMemberMasks.AnnotationBit(Encoding.UTF8.GetBytes(member)));
    }

    [Test]
    public void Bit_UnknownMember_IsTheUnknownMembersBit()
    {
        SkippedMemberMasks.TaskBit("completions"u8).Should().Be(SkippedMemberMasks.UnknownMembers);
        SkippedMemberMasks.AnnotationBit("history"u8).Should().Be(SkippedMemberMasks.UnknownMembers);
        SkippedMemberMasks.Bit(-1).Should().Be(SkippedMemberMasks.UnknownMembers);
    }

    [Test]
    public void Masks_TaskMembersExportsRead_NeverSkipped()
    {
        // Every exporter reads these; no group may skip them (they are what the item pipeline is made of).
        var all = Enum.GetValues<SkippedTaskMembers>().Aggregate(SkippedTaskMembers.None, (a, g) => a | g);
        var task = SkippedMemberMasks.Task(all);
        var annotation = SkippedMemberMasks.Annotation(all);

        foreach (var member in (string[])["id", "data", "annotations", "agreement"])
        {
            (task & SkippedMemberMasks.TaskBit(Encoding.UTF8.GetBytes(member))).Should().Be(0UL, member);
        }

        (task & SkippedMemberMasks.UnknownMembers).Should().Be(0UL, "completions, the old name of annotations, is an unknown member");
        foreach (var member in (string[])["id", "result", "was_cancelled", "created_at"])
        {
            (annotation & SkippedMemberMasks.AnnotationBit(Encoding.UTF8.GetBytes(member))).Should().Be(0UL, member);
        }
    }

    [Test]
    public void ReadTask_AnnotationGroupsSkipped_MembersAbsentAndTheRestRead()
    {
        const string Json = """
            {"id":1,"data":{"t":"a"},"meta":{"m":1},"created_at":"2024-03-01T09:00:37Z","agreement":50,"annotations":[{"id":2,"completed_by":3,"result":[],
            "was_cancelled":false,"ground_truth":true,"created_at":"2024-03-01T09:05:37Z","updated_at":"2024-03-01T09:06:37Z","lead_time":1.5,
            "unique_id":"u","prediction":{},"history":[1]}]}
            """;
        var skipped = SkippedTaskMembers.TaskBookkeeping | SkippedTaskMembers.AnnotationBookkeeping | SkippedTaskMembers.AnnotationEditTimes
            | SkippedTaskMembers.AnnotationAuthor | SkippedTaskMembers.AnnotationExtensions;

        foreach (var fast in (bool[])[true, false])
        {
            var task = fast ? ReadFast(Json, skipped) : ReadTask(Json, skipped);
            var annotation = task.Annotations.Should().ContainSingle().Which;

            task.Id.Should().Be(1);
            task.Data["t"]!.GetValue<string>().Should().Be("a");
            task.Agreement.Should().Be(50);
            task.Meta.Should().BeNull();
            task.CreatedAt.Should().BeNull();
            annotation.Id.Should().Be(2);
            annotation.WasCancelled.Should().BeFalse();
            annotation.CreatedAt!.Value.ToString().Should().Be("2024-03-01T09:05:37Z");
            annotation.CompletedBy.Should().BeNull();
            annotation.GroundTruth.Should().BeNull();
            annotation.UpdatedAt.Should().BeNull();
            annotation.LeadTime.Should().BeNull();
            annotation.UniqueId.Should().BeNull();
            annotation.Prediction.Should().BeNull();
            annotation.AdditionalProperties.Should().BeNull();
            Encoding.UTF8.GetString(LabelStudioJson.SerializeToUtf8Bytes(annotation)).Should().Be("""{"id":2,"result":[],"was_cancelled":false,"created_at":"2024-03-01T09:05:37Z"}""");
        }
    }

    private static LabelStudioTask ReadTask(string json, SkippedTaskMembers skipped = SkippedTaskMembers.None)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return TaskConverter.ReadTask(ref reader, LabelStudioJson.Options, new JsonStringPool(), skipped);
    }

    private static LabelStudioTask ReadFast(string json, SkippedTaskMembers skipped)
    {
        FastTaskReader.TryRead(Encoding.UTF8.GetBytes(json), new JsonStringPool(), 63, skipped, out var task).Should().BeTrue();
        return task!;
    }
}
