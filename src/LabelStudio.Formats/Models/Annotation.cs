using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Models;

/// <summary>A submitted (or skipped) annotation of a task.</summary>
[JsonConverter(typeof(AnnotationConverter))]
public sealed class Annotation : ExtensibleModel
{
    /// <summary>Annotation id (<c>id</c>).</summary>
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    // Set by the Results setter and by reads that met "result": an explicitly set list is written even when empty.
    internal const ulong ResultsBit = 1UL << 1;

    // Made on first use (see LabelStudioTask): the readers set the list they read, the writers look at the field.
    private IList<Result>? _results;

    /// <summary>
    /// The regions and classifications (<c>result</c>); empty when there are none. Once set (or read from JSON), the
    /// list is written even when empty (<c>"result": []</c>, which the Label Studio API expects); a <c>result</c>
    /// absent from the JSON read stays absent.
    /// </summary>
    [JsonPropertyName("result")]
    public IList<Result> Results
    {
        get => _results ??= [];
        set
        {
            _results = value;
            MarkPresent(ResultsBit);
        }
    }

    internal IList<Result>? ResultsOrNull => _results;

    // The server's bookkeeping, which no export reads (the export runner skips it), lives in a side object made when
    // one of its members gets a value: an annotation read for an export is 160 bytes instead of 336.
    private Bookkeeping? _bookkeeping;

    /// <summary>Who annotated (<c>completed_by</c>): a user id, or an object with <c>id</c> and <c>email</c> in some exports.</summary>
    [JsonPropertyName("completed_by")]
    public JsonNode? CompletedBy { get; set; }

    /// <summary>Whether the annotation was skipped (<c>was_cancelled</c>).</summary>
    [JsonPropertyName("was_cancelled")]
    public bool? WasCancelled { get; set; }

    /// <summary>Whether the annotation is a ground truth (<c>ground_truth</c>).</summary>
    [JsonPropertyName("ground_truth")]
    public bool? GroundTruth
    {
        get => _bookkeeping?.GroundTruth;
        set => BookkeepingFor(value is not null)?.GroundTruth = value;
    }

    /// <summary>Creation time (<c>created_at</c>).</summary>
    [JsonPropertyName("created_at")]
    public Timestamp? CreatedAt { get; set; }

    /// <summary>Last update time (<c>updated_at</c>).</summary>
    [JsonPropertyName("updated_at")]
    public Timestamp? UpdatedAt { get; set; }

    /// <summary>Time the draft behind this annotation was created (<c>draft_created_at</c>).</summary>
    [JsonPropertyName("draft_created_at")]
    public Timestamp? DraftCreatedAt
    {
        get => _bookkeeping?.DraftCreatedAt;
        set => BookkeepingFor(value is not null)?.DraftCreatedAt = value;
    }

    // Set by the readers when lead_time was an integer literal (36, not 36.0): written back as one (see IntegerLiteral).
    internal const ulong LeadTimeIntegerBit = 1UL << 40;

    private double? _leadTime;

    /// <summary>
    /// Seconds spent annotating (<c>lead_time</c>). An integer in the JSON read (<c>36</c>, not <c>36.0</c>) is
    /// written back as one, as the official converter writes it; setting the property forgets that.
    /// </summary>
    [JsonPropertyName("lead_time")]
    public double? LeadTime
    {
        get => _leadTime;
        set
        {
            _leadTime = value;
            PresentMembers &= ~LeadTimeIntegerBit;
            _bookkeeping?.LeadTimeExact = null;
        }
    }

    // Whether lead_time is written as an integer; its exact value when a double could not hold it.
    internal bool LeadTimeIsInteger => IsPresent(LeadTimeIntegerBit) && _leadTime is { } value && double.IsInteger(value);

    internal long? LeadTimeExact => _bookkeeping?.LeadTimeExact;

    // Called by the readers after LeadTime is set: the literal's kind goes into their presence bits.
    internal ulong ReadLeadTimeLiteral(ReadOnlySpan<byte> literal)
    {
        if (_leadTime is not { } value || !IntegerLiteral.Is(literal))
        {
            return 0;
        }

        if (IntegerLiteral.ExactBeyondDouble(literal, value) is { } exact)
        {
            BookkeepingFor(settingValue: true)!.LeadTimeExact = exact;
        }

        return LeadTimeIntegerBit;
    }

    /// <summary>The prediction this annotation started from (<c>prediction</c>), as sent by the server.</summary>
    [JsonPropertyName("prediction")]
    public JsonNode? Prediction
    {
        get => _bookkeeping?.Prediction;
        set => BookkeepingFor(value is not null)?.Prediction = value;
    }

    /// <summary>Number of results (<c>result_count</c>).</summary>
    [JsonPropertyName("result_count")]
    public int? ResultCount
    {
        get => _bookkeeping?.ResultCount;
        set => BookkeepingFor(value is not null)?.ResultCount = value;
    }

    /// <summary>Server-side unique id (<c>unique_id</c>).</summary>
    [JsonPropertyName("unique_id")]
    public string? UniqueId
    {
        get => _bookkeeping?.UniqueId;
        set => BookkeepingFor(value is not null)?.UniqueId = value;
    }

    /// <summary>Id of the import that created the annotation (<c>import_id</c>).</summary>
    [JsonPropertyName("import_id")]
    public long? ImportId
    {
        get => _bookkeeping?.ImportId;
        set => BookkeepingFor(value is not null)?.ImportId = value;
    }

    /// <summary>Last action taken on the annotation (<c>last_action</c>).</summary>
    [JsonPropertyName("last_action")]
    public string? LastAction
    {
        get => _bookkeeping?.LastAction;
        set => BookkeepingFor(value is not null)?.LastAction = value;
    }

    /// <summary>Whether the annotation was created in bulk (<c>bulk_created</c>).</summary>
    [JsonPropertyName("bulk_created")]
    public bool? BulkCreated
    {
        get => _bookkeeping?.BulkCreated;
        set => BookkeepingFor(value is not null)?.BulkCreated = value;
    }

    /// <summary>Task id (<c>task</c>).</summary>
    [JsonPropertyName("task")]
    public long? Task
    {
        get => _bookkeeping?.Task;
        set => BookkeepingFor(value is not null)?.Task = value;
    }

    /// <summary>Project id (<c>project</c>).</summary>
    [JsonPropertyName("project")]
    public long? Project
    {
        get => _bookkeeping?.Project;
        set => BookkeepingFor(value is not null)?.Project = value;
    }

    /// <summary>Who last updated the annotation (<c>updated_by</c>).</summary>
    [JsonPropertyName("updated_by")]
    public JsonNode? UpdatedBy
    {
        get => _bookkeeping?.UpdatedBy;
        set => BookkeepingFor(value is not null)?.UpdatedBy = value;
    }

    /// <summary>Prediction the annotation was copied from (<c>parent_prediction</c>).</summary>
    [JsonPropertyName("parent_prediction")]
    public long? ParentPrediction
    {
        get => _bookkeeping?.ParentPrediction;
        set => BookkeepingFor(value is not null)?.ParentPrediction = value;
    }

    /// <summary>Annotation this one was copied from (<c>parent_annotation</c>).</summary>
    [JsonPropertyName("parent_annotation")]
    public long? ParentAnnotation
    {
        get => _bookkeeping?.ParentAnnotation;
        set => BookkeepingFor(value is not null)?.ParentAnnotation = value;
    }

    /// <summary>Who last created the annotation (<c>last_created_by</c>).</summary>
    [JsonPropertyName("last_created_by")]
    public JsonNode? LastCreatedBy
    {
        get => _bookkeeping?.LastCreatedBy;
        set => BookkeepingFor(value is not null)?.LastCreatedBy = value;
    }

    /// <summary>The annotator as the REST API shows it (<c>created_username</c>), e.g. <c>"email, id"</c>; read-only on the server.</summary>
    [JsonPropertyName("created_username")]
    public string? CreatedUsername
    {
        get => _bookkeeping?.CreatedUsername;
        set => BookkeepingFor(value is not null)?.CreatedUsername = value;
    }

    /// <summary>How long ago the annotation was created, as text (<c>created_ago</c>); read-only on the server.</summary>
    [JsonPropertyName("created_ago")]
    public string? CreatedAgo
    {
        get => _bookkeeping?.CreatedAgo;
        set => BookkeepingFor(value is not null)?.CreatedAgo = value;
    }

    /// <summary>Workflow state of the annotation (<c>state</c>) in Label Studio versions that track one, e.g. <c>CREATED</c>.</summary>
    [JsonPropertyName("state")]
    public string? State
    {
        get => _bookkeeping?.State;
        set => BookkeepingFor(value is not null)?.State = value;
    }

    // The side object to set a bookkeeping member on: made when a value is set, none needed when null is set and none exists.
    private Bookkeeping? BookkeepingFor(bool settingValue) => settingValue ? _bookkeeping ??= new Bookkeeping() : _bookkeeping;

    /// <summary>The members of <see cref="Annotation"/> that are server bookkeeping.</summary>
    private sealed class Bookkeeping
    {
        public bool? GroundTruth { get; set; }

        public long? LeadTimeExact { get; set; }

        public Timestamp? DraftCreatedAt { get; set; }

        public JsonNode? Prediction { get; set; }

        public int? ResultCount { get; set; }

        public string? UniqueId { get; set; }

        public long? ImportId { get; set; }

        public string? LastAction { get; set; }

        public bool? BulkCreated { get; set; }

        public long? Task { get; set; }

        public long? Project { get; set; }

        public JsonNode? UpdatedBy { get; set; }

        public long? ParentPrediction { get; set; }

        public long? ParentAnnotation { get; set; }

        public JsonNode? LastCreatedBy { get; set; }

        public string? CreatedUsername { get; set; }

        public string? CreatedAgo { get; set; }

        public string? State { get; set; }
    }
}
