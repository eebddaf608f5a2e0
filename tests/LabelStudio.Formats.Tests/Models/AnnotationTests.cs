using System.Text.Json.Nodes;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Tests.Models;

public class AnnotationTests
{
    // The bookkeeping members live in a side object made on the first value: each must still behave as an ordinary
    // nullable property, alone and next to the others.
    [Test]
    public void Bookkeeping_SetAndCleared_ReadsBackAsSet()
    {
        var created = new Timestamp(new DateTimeOffset(2024, 3, 1, 9, 5, 37, TimeSpan.Zero));
        var annotation = new Annotation
        {
            GroundTruth = false,
            DraftCreatedAt = created,
            Prediction = new JsonObject(),
            ResultCount = 0,
            UniqueId = "u",
            ImportId = 0,
            LastAction = "submit",
            BulkCreated = true,
            Task = 1,
            Project = 7,
            UpdatedBy = 3,
            ParentPrediction = 4,
            ParentAnnotation = 5,
            LastCreatedBy = 6,
            CreatedUsername = "a@b.c, 6",
            CreatedAgo = "1 minute",
            State = "CREATED",
        };

        (annotation.GroundTruth, annotation.DraftCreatedAt, annotation.ResultCount, annotation.UniqueId, annotation.ImportId, annotation.LastAction)
            .Should().Be((false, created, 0, "u", 0L, "submit"));
        (annotation.BulkCreated, annotation.Task, annotation.Project, annotation.ParentPrediction, annotation.ParentAnnotation)
            .Should().Be((true, 1L, 7L, 4L, 5L));
        (annotation.CreatedUsername, annotation.CreatedAgo, annotation.State).Should().Be(("a@b.c, 6", "1 minute", "CREATED"));
        annotation.Prediction.Should().BeOfType<JsonObject>();
        annotation.UpdatedBy!.GetValue<int>().Should().Be(3);
        annotation.LastCreatedBy!.GetValue<int>().Should().Be(6);

        annotation.Task = null;
        annotation.State = null;

        annotation.Task.Should().BeNull();
        annotation.State.Should().BeNull();
        annotation.Project.Should().Be(7, "clearing one member leaves the others");
    }

    [Test]
    public void Bookkeeping_NeverSetOrSetToNull_IsNullAndNotWritten()
    {
        var annotation = new Annotation { Id = 1, UniqueId = null, Task = null };

        annotation.UniqueId.Should().BeNull();
        annotation.Task.Should().BeNull();
        annotation.GroundTruth.Should().BeNull();
        annotation.DraftCreatedAt.Should().BeNull();
        System.Text.Encoding.UTF8.GetString(LabelStudioJson.SerializeToUtf8Bytes(annotation)).Should().Be("""{"id":1}""");
    }
}
