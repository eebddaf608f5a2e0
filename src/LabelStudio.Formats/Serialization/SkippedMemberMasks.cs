using System.Runtime.CompilerServices;
using System.Text;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// The groups of <see cref="SkippedTaskMembers"/> as masks over one object kind's members: bit m stands for member m
/// of the kind's list below, which is also the numbering of the presence bits (<see cref="TaskConverter"/>,
/// <see cref="AnnotationConverter"/>) and of <see cref="FastTaskReader"/>'s member tables; <see cref="UnknownMembers"/>
/// stands for every member the model does not have. Both readers skip by these masks, so they skip the same members.
/// </summary>
internal static class SkippedMemberMasks
{
    /// <summary>The bit of the members a model does not have (no known member has a number that high).</summary>
    public const ulong UnknownMembers = 1UL << 63;

    /// <summary>A task's members, in presence-bit order.</summary>
    public static readonly string[] TaskMemberNames =
    [
        "id", "data", "meta", "annotations", "predictions", "drafts", "created_at", "updated_at", "inner_id", "total_annotations",
        "cancelled_annotations", "total_predictions", "comment_count", "unresolved_comment_count", "last_comment_updated_at",
        "project", "updated_by", "file_upload", "comment_authors", "agreement", "is_labeled", "overlap",
    ];

    /// <summary>An annotation's members, in presence-bit order.</summary>
    public static readonly string[] AnnotationMemberNames =
    [
        "id", "result", "completed_by", "was_cancelled", "ground_truth", "created_at", "updated_at", "draft_created_at", "lead_time",
        "prediction", "result_count", "unique_id", "import_id", "last_action", "bulk_created", "task", "project", "updated_by",
        "parent_prediction", "parent_annotation", "last_created_by", "created_username", "created_ago", "state",
    ];

    private const ulong TaskBookkeeping = TaskConverter.MetaBit | TaskConverter.CreatedAtBit | TaskConverter.UpdatedAtBit
        | TaskConverter.InnerIdBit | TaskConverter.TotalAnnotationsBit | TaskConverter.CancelledAnnotationsBit
        | TaskConverter.TotalPredictionsBit | TaskConverter.CommentCountBit | TaskConverter.UnresolvedCommentCountBit
        | TaskConverter.LastCommentUpdatedAtBit | TaskConverter.ProjectBit | TaskConverter.UpdatedByBit
        | TaskConverter.FileUploadBit | TaskConverter.CommentAuthorsBit | TaskConverter.IsLabeledBit | TaskConverter.OverlapBit;

    private const ulong AnnotationBookkeeping = AnnotationConverter.GroundTruthBit | AnnotationConverter.DraftCreatedAtBit
        | AnnotationConverter.PredictionBit | AnnotationConverter.ResultCountBit | AnnotationConverter.UniqueIdBit
        | AnnotationConverter.ImportIdBit | AnnotationConverter.LastActionBit | AnnotationConverter.BulkCreatedBit
        | AnnotationConverter.TaskBit | AnnotationConverter.ProjectBit | AnnotationConverter.UpdatedByBit
        | AnnotationConverter.ParentPredictionBit | AnnotationConverter.ParentAnnotationBit | AnnotationConverter.LastCreatedByBit
        | AnnotationConverter.CreatedUsernameBit | AnnotationConverter.CreatedAgoBit | AnnotationConverter.StateBit;

    private static readonly byte[][] TaskNames = [.. TaskMemberNames.Select(Encoding.UTF8.GetBytes)];

    private static readonly byte[][] AnnotationNames = [.. AnnotationMemberNames.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The task members skipped.</summary>
    public static ulong Task(SkippedTaskMembers skipped) =>
        ((skipped & SkippedTaskMembers.Predictions) != 0 ? TaskConverter.PredictionsBit : 0)
        | ((skipped & SkippedTaskMembers.Drafts) != 0 ? TaskConverter.DraftsBit : 0)
        | ((skipped & SkippedTaskMembers.TaskBookkeeping) != 0 ? TaskBookkeeping : 0);

    /// <summary>The annotation members skipped.</summary>
    public static ulong Annotation(SkippedTaskMembers skipped) =>
        ((skipped & SkippedTaskMembers.AnnotationBookkeeping) != 0 ? AnnotationBookkeeping : 0)
        | ((skipped & SkippedTaskMembers.AnnotationEditTimes) != 0 ? AnnotationConverter.UpdatedAtBit | AnnotationConverter.LeadTimeBit : 0)
        | ((skipped & SkippedTaskMembers.AnnotationAuthor) != 0 ? AnnotationConverter.CompletedByBit : 0)
        | ((skipped & SkippedTaskMembers.AnnotationExtensions) != 0 ? UnknownMembers : 0);

    /// <summary>The bit of member number <paramref name="member"/> (-1 for an unknown one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bit(int member) => member < 0 ? UnknownMembers : 1UL << member;

    /// <summary>The bit of the task member named <paramref name="name"/> (unescaped).</summary>
    public static ulong TaskBit(ReadOnlySpan<byte> name) => Bit(IndexOf(TaskNames, name));

    /// <summary>The bit of the annotation member named <paramref name="name"/> (unescaped).</summary>
    public static ulong AnnotationBit(ReadOnlySpan<byte> name) => Bit(IndexOf(AnnotationNames, name));

    private static int IndexOf(byte[][] names, ReadOnlySpan<byte> name)
    {
        for (var m = 0; m < names.Length; m++)
        {
            if (name.SequenceEqual(names[m]))
            {
                return m;
            }
        }

        return -1;
    }
}
