namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Members a consumer never looks at, which the task readers then check for well-formed JSON but do not materialize:
/// the object comes out as if the member were absent (null or empty, no presence bit). Internal: only the export runner
/// uses it, for the formats whose exporters provably never read these members (see <c>ExportRunner.SkippableMembers</c>).
/// </summary>
[Flags]
internal enum SkippedTaskMembers
{
    None = 0,

    /// <summary>The task's <c>predictions</c>.</summary>
    Predictions = 1,

    /// <summary>The task's <c>drafts</c>.</summary>
    Drafts = 2,

    /// <summary>
    /// The task's bookkeeping: <c>meta</c>, <c>created_at</c>, <c>updated_at</c>, <c>inner_id</c>, the annotation,
    /// prediction and comment counts, <c>last_comment_updated_at</c>, <c>project</c>, <c>updated_by</c>,
    /// <c>file_upload</c>, <c>comment_authors</c>, <c>is_labeled</c> and <c>overlap</c> (not <c>agreement</c>, which CSV writes).
    /// </summary>
    TaskBookkeeping = 4,

    /// <summary>
    /// An annotation's bookkeeping: <c>ground_truth</c>, <c>draft_created_at</c>, <c>prediction</c>, <c>result_count</c>,
    /// <c>unique_id</c>, <c>import_id</c>, <c>last_action</c>, <c>bulk_created</c>, <c>task</c>, <c>project</c>,
    /// <c>updated_by</c>, <c>parent_prediction</c>, <c>parent_annotation</c>, <c>last_created_by</c>,
    /// <c>created_username</c>, <c>created_ago</c> and <c>state</c>.
    /// </summary>
    AnnotationBookkeeping = 8,

    /// <summary>An annotation's <c>updated_at</c> and <c>lead_time</c> (CSV, TSV and JSON_MIN write them).</summary>
    AnnotationEditTimes = 16,

    /// <summary>An annotation's <c>completed_by</c> (the annotator some formats write).</summary>
    AnnotationAuthor = 32,

    /// <summary>An annotation's members the model does not have (CSV writes <c>history</c>).</summary>
    AnnotationExtensions = 64,

    /// <summary>
    /// Not a member but a promise: the consumer never changes a label list (<c>rectanglelabels</c>, <c>choices</c>,
    /// ...). The fast reader then gives every one-label list of the same label one shared array, instead of a
    /// <see cref="List{T}"/> and its array per region (a tenth of what an export allocates).
    /// </summary>
    ReadOnlyLabelLists = 128,
}
