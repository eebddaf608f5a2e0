using System.Globalization;
using System.Runtime.CompilerServices;
using LabelStudio.Config;
using LabelStudio.Formats.Geometry;
using LabelStudio.Formats.Masks;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;

namespace LabelStudio.Formats.Validation;

/// <summary>
/// Checks tasks, annotations and predictions against a parsed labeling config, reporting every problem at once.
/// Immutable after construction and safe to share across threads.
/// </summary>
public sealed class TaskValidator
{
    private static readonly HashSet<string> ImageRegionTypes = new(StringComparer.Ordinal)
    {
        "rectanglelabels", "rectangle", "polygonlabels", "polygon", "ellipselabels", "ellipse",
        "keypointlabels", "keypoint", "brushlabels", "brush", "vectorlabels", "vector",
    };

    private readonly ConfigIndex _index;
    private readonly TaskValidationOptions _options;

    /// <summary>Creates a validator for one config.</summary>
    /// <param name="config">The parsed labeling config.</param>
    /// <param name="options">What to check; null for the defaults.</param>
    public TaskValidator(LabelConfig config, TaskValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _index = new ConfigIndex(config);
        _options = options ?? new TaskValidationOptions();
    }

    /// <summary>The config results are checked against.</summary>
    public LabelConfig Config => _index.Config;

    /// <summary>Checks one task: its data, annotations and predictions (and drafts when enabled).</summary>
    /// <param name="task">The task.</param>
    /// <param name="taskIndex">Its position in the export, used in the diagnostics.</param>
    /// <returns>Every problem found, in order; empty when the task is valid.</returns>
    public IReadOnlyList<ValidationDiagnostic> Validate(LabelStudioTask task, long taskIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(task);
        var sink = new List<ValidationDiagnostic>();
        var place = new Place { TaskIndex = taskIndex, TaskId = task.Id, Target = ValidationTarget.Task };
        if (_options.ValidateData)
        {
            CheckData(task, place, sink);
        }

        if (_options.ValidateAnnotations)
        {
            for (var i = 0; i < task.Annotations.Count; i++)
            {
                var annotation = task.Annotations[i];
                CheckResults(annotation.Results, place with { Target = ValidationTarget.Annotation, ItemIndex = i, ItemId = annotation.Id }, sink);
            }
        }

        if (_options.ValidatePredictions)
        {
            for (var i = 0; i < task.Predictions.Count; i++)
            {
                CheckPrediction(task.Predictions[i], place with { Target = ValidationTarget.Prediction, ItemIndex = i, ItemId = task.Predictions[i].Id }, sink);
            }
        }

        if (_options.ValidateDrafts)
        {
            for (var i = 0; i < task.Drafts.Count; i++)
            {
                CheckResults(task.Drafts[i].Results, place with { Target = ValidationTarget.Draft, ItemIndex = i, ItemId = task.Drafts[i].Id }, sink);
            }
        }

        return sink;
    }

    /// <summary>Checks one annotation on its own (no task data), e.g. before posting it.</summary>
    /// <param name="annotation">The annotation.</param>
    /// <returns>Every problem found; the task index is 0 and the item index 0.</returns>
    public IReadOnlyList<ValidationDiagnostic> ValidateAnnotation(Annotation annotation)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        var sink = new List<ValidationDiagnostic>();
        CheckResults(annotation.Results, new Place { Target = ValidationTarget.Annotation, ItemIndex = 0, ItemId = annotation.Id }, sink);
        return sink;
    }

    /// <summary>Checks one prediction on its own (no task data), e.g. in an ML backend before returning it.</summary>
    /// <param name="prediction">The prediction.</param>
    /// <returns>Every problem found; the task index is 0 and the item index 0.</returns>
    public IReadOnlyList<ValidationDiagnostic> ValidatePrediction(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var sink = new List<ValidationDiagnostic>();
        CheckPrediction(prediction, new Place { Target = ValidationTarget.Prediction, ItemIndex = 0, ItemId = prediction.Id }, sink);
        return sink;
    }

    /// <summary>Checks a list of results (one annotation's or prediction's <c>result</c>).</summary>
    /// <param name="results">The results.</param>
    /// <param name="target">Whether they belong to an annotation or a prediction (only used in the diagnostics).</param>
    /// <returns>Every problem found.</returns>
    public IReadOnlyList<ValidationDiagnostic> ValidateResults(IEnumerable<Result> results, ValidationTarget target = ValidationTarget.Annotation)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sink = new List<ValidationDiagnostic>();
        CheckResults(results as IList<Result> ?? [.. results], new Place { Target = target, ItemIndex = target == ValidationTarget.Task ? null : 0 }, sink);
        return sink;
    }

    /// <summary>Checks tasks one at a time as they stream in, yielding the problems of each task as soon as it is checked.</summary>
    /// <param name="tasks">The tasks, e.g. <see cref="LabelStudioJson.ReadTasksAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The diagnostics of every task, in task order.</returns>
    public async IAsyncEnumerable<ValidationDiagnostic> ValidateAsync(IAsyncEnumerable<LabelStudioTask> tasks, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        long index = 0;
        await foreach (var task in tasks.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var diagnostic in Validate(task, index))
            {
                yield return diagnostic;
            }

            index++;
        }
    }

    /// <summary>
    /// Reads a JSON export (array of tasks or one task) from a stream and checks every task, keeping only one task in
    /// memory at a time, so a million-task export costs no more memory than one task.
    /// </summary>
    /// <param name="utf8Json">The export.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>Counts, counts per code and the first diagnostics.</returns>
    /// <exception cref="LabelStudioJsonException">The JSON is malformed (with task index and byte offset).</exception>
    public async Task<ValidationSummary> ValidateExportAsync(Stream utf8Json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        var builder = new SummaryBuilder(Math.Max(0, _options.MaxSummaryDiagnostics), _options);
        long index = 0;
        await foreach (var task in LabelStudioJson.ReadTasksAsync(utf8Json, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            builder.AddTask(task, Validate(task, index));
            index++;
        }

        return builder.Build();
    }

    /// <summary>Sums diagnostics of tasks checked elsewhere (e.g. by <see cref="Validate"/> in a loop of your own).</summary>
    /// <param name="tasks">Each task with its diagnostics.</param>
    /// <param name="maxDiagnostics">How many diagnostics the summary keeps.</param>
    /// <returns>The summary.</returns>
    public static ValidationSummary Summarize(IEnumerable<(LabelStudioTask Task, IReadOnlyList<ValidationDiagnostic> Diagnostics)> tasks, int maxDiagnostics = 1000)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var builder = new SummaryBuilder(Math.Max(0, maxDiagnostics));
        foreach (var (task, diagnostics) in tasks)
        {
            builder.AddTask(task, diagnostics);
        }

        return builder.Build();
    }

    private void CheckData(LabelStudioTask task, Place place, List<ValidationDiagnostic> sink)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Config.DataKeys)
        {
            if (!seen.Add(key.Expression))
            {
                continue;
            }

            // Object values inside a Repeater are checked through the Repeater's own list path.
            var optional = key.Kind is DataKeyKind.DynamicLabels or DataKeyKind.Other;
            var missing = DataPaths.FindMissing(task.Data, key.Expression);
            if (missing is null)
            {
                continue;
            }

            var owner = key.Tag.Name is null ? $"<{key.Tag.TagName}>" : $"<{key.Tag.TagName} name=\"{key.Tag.Name}\">";
            if (optional)
            {
                Add(sink, place with { Field = "data." + missing }, ValidationCodes.MissingOptionalDataKey, ValidationSeverity.Warning,
                    $"task data has no \"{missing}\", used by {owner} {key.Attribute}=\"${key.Expression}\".");
            }
            else if (missing == key.Key)
            {
                Add(sink, place with { Field = "data." + key.Key }, ValidationCodes.MissingDataKey, ValidationSeverity.Error,
                    $"task data has no key \"{key.Key}\", needed by {owner} {key.Attribute}=\"${key.Expression}\"; the keys are: {KeyList(task)}.");
            }
            else
            {
                Add(sink, place with { Field = "data." + missing }, ValidationCodes.MissingDataPath, ValidationSeverity.Error,
                    $"task data has nothing at \"{missing}\", needed by {owner} {key.Attribute}=\"${key.Expression}\".");
            }
        }
    }

    private static string KeyList(LabelStudioTask task) =>
        task.Data.Count == 0 ? "(none)" : string.Join(", ", task.Data.Select(p => p.Key));

    private void CheckPrediction(Prediction prediction, Place place, List<ValidationDiagnostic> sink)
    {
        if (prediction.Score is { } score && !(score >= 0 && score <= 1))
        {
            Add(sink, place with { Field = "score" }, ValidationCodes.ScoreOutOfRange, ValidationSeverity.Error,
                Say($"prediction score is {score}; expected 0 to 1."));
        }

        CheckResults(prediction.Results, place, sink);
    }

    private void CheckResults(IList<Result> results, Place place, List<ValidationDiagnostic> sink)
    {
        HashSet<string>? regionIds = null;
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (result is null)
            {
                continue;
            }

            var at = place with { ResultIndex = i, RegionId = result.Id };
            if (result.Type == ResultType.Relation)
            {
                regionIds ??= new HashSet<string>(results.Where(r => r is not null && r.Type != ResultType.Relation && r.Id is not null).Select(r => r.Id!), StringComparer.Ordinal);
                CheckRelation(result, regionIds, at, sink);
            }
            else
            {
                CheckResult(result, at, sink);
            }
        }
    }

    private void CheckRelation(Result result, HashSet<string> regionIds, Place at, List<ValidationDiagnostic> sink)
    {
        foreach (var (field, id) in new[] { ("from_id", result.FromId), ("to_id", result.ToId) })
        {
            if (id is null)
            {
                Add(sink, at with { Field = field }, ValidationCodes.UnknownRelationRegion, ValidationSeverity.Error, $"relation has no {field}.");
            }
            else if (!regionIds.Contains(id))
            {
                Add(sink, at with { Field = field }, ValidationCodes.UnknownRelationRegion, ValidationSeverity.Error,
                    $"relation {field} \"{id}\" names no region of this result list.");
            }
        }

        foreach (var label in result.Labels ?? [])
        {
            if (!_index.RelationLabels.Contains(label))
            {
                Add(sink, at with { Field = "labels" }, ValidationCodes.UnknownRelationLabel, ValidationSeverity.Error,
                    _index.RelationLabels.Count == 0
                        ? $"relation label \"{label}\": the config declares no <Relation> labels."
                        : $"relation label \"{label}\" is not declared; the relation labels are: {string.Join(", ", _index.RelationLabels)}.");
            }
        }
    }

    private void CheckResult(Result result, Place at, List<ValidationDiagnostic> sink)
    {
        if (result.Score is { } score && !(score >= 0 && score <= 1))
        {
            Add(sink, at with { Field = "score" }, ValidationCodes.ScoreOutOfRange, ValidationSeverity.Error, Say($"result score is {score}; expected 0 to 1."));
        }

        if (string.IsNullOrEmpty(result.FromName))
        {
            Add(sink, at with { Field = "from_name" }, ValidationCodes.MissingFromName, ValidationSeverity.Error, "result has no from_name.");
            return;
        }

        if (!_index.TryGetControl(result.FromName, out var control, out var repeatIndex))
        {
            var hint = _index.TagExists(result.FromName) ? " (it is an object tag, not a control)" : string.Empty;
            Add(sink, at with { Field = "from_name" }, ValidationCodes.UnknownFromName, ValidationSeverity.Error,
                $"from_name \"{result.FromName}\" names no control of the config{hint}; the controls are: {ControlList()}.");
            return;
        }

        var toNames = control.ToNames.Select(n => ConfigIndex.Expand(n, repeatIndex)).ToList();
        if (control.IsSelfReferencing && toNames.Count == 0)
        {
            toNames.Add(result.FromName);
        }

        if (string.IsNullOrEmpty(result.ToName))
        {
            Add(sink, at with { Field = "to_name" }, ValidationCodes.UnknownToName, ValidationSeverity.Error,
                $"result has no to_name; control \"{result.FromName}\" expects {string.Join(" or ", toNames.Select(n => $"\"{n}\""))}.");
        }
        else if (!toNames.Contains(result.ToName, StringComparer.Ordinal) && !ToNameListMatches(result.ToName, toNames))
        {
            if (_index.TagExists(result.ToName))
            {
                Add(sink, at with { Field = "to_name" }, ValidationCodes.NameMismatch, ValidationSeverity.Error,
                    $"control \"{result.FromName}\" does not control \"{result.ToName}\"; its toName is {string.Join(", ", toNames.Select(n => $"\"{n}\""))}.");
            }
            else
            {
                Add(sink, at with { Field = "to_name" }, ValidationCodes.UnknownToName, ValidationSeverity.Error,
                    $"to_name \"{result.ToName}\" names no object of the config; control \"{result.FromName}\" expects {string.Join(" or ", toNames.Select(n => $"\"{n}\""))}.");
            }
        }

        var type = result.Type.Value;
        if (!TypeMatches(control, type))
        {
            Add(sink, at with { Field = "type" }, ValidationCodes.TypeMismatch, ValidationSeverity.Error,
                $"type \"{type}\" does not match control \"{control.Name}\" (<{control.TagName}>), whose results are \"{control.ResultType}\".");
            return;
        }

        if (result.Value is null)
        {
            Add(sink, at with { Field = "value" }, ValidationCodes.InvalidValue, ValidationSeverity.Error, $"result of type \"{type}\" has no value.");
            return;
        }

        if (result.Value is RawResultValue raw && ResultTypeTable.ValueType(result.Type) is not null)
        {
            Add(sink, at with { Field = "value" }, ValidationCodes.InvalidValue, ValidationSeverity.Error,
                $"value does not have the shape of a \"{type}\" result: {Truncate(raw.Json.GetRawText())}.");
            return;
        }

        CheckLabels(result, control, at, sink);
        CheckValue(result, control, at, sink);
    }

    private static bool ToNameListMatches(string toName, List<string> toNames) =>
        // Pairwise and other multi-object controls write to_name as "left,right" in some versions.
        toName.Contains(',', StringComparison.Ordinal) && toName.Split(',').All(n => toNames.Contains(n.Trim(), StringComparer.Ordinal));

    private static bool TypeMatches(ControlTag control, string type)
    {
        var expected = control.ResultType;
        if (string.Equals(type, expected, StringComparison.Ordinal))
        {
            return true;
        }

        // Merged form: a geometry tool and a <Labels> on the same object yield "<geometry>labels" results,
        // written under either control's name.
        if (string.Equals(type, expected + "labels", StringComparison.Ordinal))
        {
            return true;
        }

        if (string.Equals(expected, "labels", StringComparison.Ordinal) && type.EndsWith("labels", StringComparison.Ordinal))
        {
            var geometry = type[..^"labels".Length];
            return control.Objects.SelectMany(o => o.Controls).Any(c => string.Equals(c.ResultType, geometry, StringComparison.Ordinal)
                || string.Equals(c.ResultType, type, StringComparison.Ordinal));
        }

        return false;
    }

    private void CheckLabels(Result result, ControlTag control, Place at, List<ValidationDiagnostic> sink)
    {
        switch (result.Value)
        {
            case ChoicesValue choices:
                CheckVocabulary(choices.Choices, control, at with { Field = "value.choices" }, sink, "choice");
                if (!control.IsMultipleChoice && choices.Choices.Count > 1)
                {
                    Add(sink, at with { Field = "value.choices" }, ValidationCodes.TooManyChoices, ValidationSeverity.Error,
                        Say($"{choices.Choices.Count} choices for control \"{control.Name}\", which allows one (choice=\"{control.GetAttribute("choice") ?? "single"}\")."));
                }

                return;
            case TaxonomyValue taxonomy:
                for (var p = 0; p < taxonomy.Taxonomy.Count; p++)
                {
                    CheckVocabulary(taxonomy.Taxonomy[p] ?? [], control, at with { Field = Say($"value.taxonomy[{p}]") }, sink, "taxonomy item");
                }

                return;
            case ILabeledValue labeled:
                var labels = labeled.LabelList;
                if (labels is null)
                {
                    return;
                }

                if (labels.Count == 0)
                {
                    if (_options.ReportEmptyLabels && result.Type.Value.EndsWith("labels", StringComparison.Ordinal))
                    {
                        Add(sink, at with { Field = "value." + LabelsField(result) }, ValidationCodes.EmptyLabels, ValidationSeverity.Warning,
                            "region has no label; Label Studio shows it unlabeled and converters skip it.");
                    }

                    return;
                }

                var vocabularyControl = control;
                if (control.Labels.Count == 0 && !control.IsDynamic)
                {
                    // Merged form written under the geometry control's name: the labels belong to the <Labels> next to it.
                    var sibling = control.Objects.SelectMany(o => o.Controls).FirstOrDefault(c => c.Labels.Count > 0 || c.IsDynamic);
                    vocabularyControl = sibling ?? control;
                }

                CheckVocabulary(labels, vocabularyControl, at with { Field = "value." + LabelsField(result) }, sink, "label");
                return;
        }
    }

    private static string LabelsField(Result result) => result.Value switch
    {
        VideoRectangleValue => "labels",
        _ => result.Type.Value,
    };

    private static void CheckVocabulary(IList<string> values, ControlTag control, Place at, List<ValidationDiagnostic> sink, string what)
    {
        if (control.IsDynamic)
        {
            return;
        }

        foreach (var value in values)
        {
            if (value is null || !control.HasLabel(value))
            {
                // Labels are compared as Label Studio does: exactly. A case-only difference gets a hint.
                var near = value is null ? null : control.LabelValues.FirstOrDefault(l => string.Equals(l, value, StringComparison.OrdinalIgnoreCase));
                var hint = near is null ? string.Empty : $" (labels are case-sensitive: did you mean \"{near}\"?)";
                Add(sink, at, ValidationCodes.UnknownLabel, ValidationSeverity.Error,
                    $"{what} \"{value}\" is not in control \"{control.Name}\"{hint}; it has: {Truncate(string.Join(", ", control.LabelValues))}.");
            }
        }
    }

    private void CheckValue(Result result, ControlTag control, Place at, List<ValidationDiagnostic> sink)
    {
        ImageSize? size = result.OriginalWidth is > 0 && result.OriginalHeight is > 0
            ? new ImageSize(result.OriginalWidth.Value, result.OriginalHeight.Value)
            : null;
        if (_options.RequireImageSize && size is null && ImageRegionTypes.Contains(result.Type.Value)
            && control.Objects.Any(o => string.Equals(o.TagName, "Image", StringComparison.Ordinal)))
        {
            Add(sink, at with { Field = "original_width" }, ValidationCodes.MissingImageSize, ValidationSeverity.Warning,
                "image region without original_width/original_height: pixel coordinates cannot be computed (converters skip or guess).");
        }

        switch (result.Value)
        {
            case RectangleValue r:
                Geometry(GeometryChecks.CheckRectangle(r.X, r.Y, r.Width, r.Height, r.Rotation ?? 0, size), at, "value.", sink);
                break;
            case OcrLabelsValue o:
                Geometry(GeometryChecks.CheckRectangle(o.X, o.Y, o.Width, o.Height, o.Rotation ?? 0, size), at, "value.", sink);
                break;
            case PolygonValue p:
                var points = new Point2[p.Points.Count];
                for (var i = 0; i < points.Length; i++)
                {
                    points[i] = new Point2(p.Points[i].X, p.Points[i].Y);
                }

                Geometry(GeometryChecks.CheckPolygon(points), at, "value.", sink);
                break;
            case EllipseValue e:
                Geometry(GeometryChecks.CheckEllipse(e.X, e.Y, e.RadiusX, e.RadiusY, e.Rotation ?? 0), at, "value.", sink);
                break;
            case KeyPointValue k:
                Geometry(GeometryChecks.CheckKeyPoint(k.X, k.Y, k.Width), at, "value.", sink);
                break;
            case VideoRectangleValue v:
                for (var i = 0; i < v.Sequence.Count; i++)
                {
                    var f = v.Sequence[i];
                    Geometry(GeometryChecks.CheckRectangle(f.X, f.Y, f.Width, f.Height, f.Rotation ?? 0), at, Say($"value.sequence[{i}]."), sink);
                }

                break;
            case BrushValue b:
                CheckBrush(b, result, at, sink);
                break;
            case LabelsValue l:
                CheckSpan(l.Start, l.End, at, sink);
                break;
            case HyperTextLabelsValue h:
                CheckSpan(h.StartOffset, h.EndOffset, at, sink, sameNode: string.Equals(h.Start, h.End, StringComparison.Ordinal));
                break;
            case RatingValue rating:
                var max = control.GetInteger("maxRating") ?? 5;
                if (rating.Rating < 0 || rating.Rating > max)
                {
                    Add(sink, at with { Field = "value.rating" }, ValidationCodes.RatingOutOfRange, ValidationSeverity.Error,
                        Say($"rating {rating.Rating} is outside 0 to {max} (maxRating of \"{control.Name}\")."));
                }

                break;
            case NumberValue number:
                var min = control.GetNumber("min");
                var top = control.GetNumber("max");
                if (!double.IsFinite(number.Number) || number.Number < min || number.Number > top)
                {
                    Add(sink, at with { Field = "value.number" }, ValidationCodes.NumberOutOfRange, ValidationSeverity.Error,
                        Say($"number {number.Number} is outside {min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"} to {top?.ToString(CultureInfo.InvariantCulture) ?? "+inf"} (min/max of \"{control.Name}\")."));
                }

                break;
            case TextAreaValue text:
                if (control.GetInteger("maxSubmissions") is { } maxSubmissions && maxSubmissions > 0 && text.Text.Count > maxSubmissions)
                {
                    Add(sink, at with { Field = "value.text" }, ValidationCodes.TooManySubmissions, ValidationSeverity.Error,
                        Say($"{text.Text.Count} texts for \"{control.Name}\", whose maxSubmissions is {maxSubmissions}."));
                }

                break;
            case PairwiseValue pairwise:
                if (pairwise.Selected is not ("left" or "right"))
                {
                    Add(sink, at with { Field = "value.selected" }, ValidationCodes.InvalidPairwise, ValidationSeverity.Error,
                        $"pairwise selected is \"{pairwise.Selected}\"; expected \"left\" or \"right\".");
                }

                break;
        }
    }

    private static void CheckBrush(BrushValue brush, Result result, Place at, List<ValidationDiagnostic> sink)
    {
        if (!string.Equals(brush.Format, "rle", StringComparison.Ordinal))
        {
            Add(sink, at with { Field = "value.format" }, ValidationCodes.InvalidBrush, ValidationSeverity.Error,
                $"brush format is \"{brush.Format}\"; expected \"rle\".");
            return;
        }

        if (brush.Rle is not { Length: > 0 } rle)
        {
            Add(sink, at with { Field = "value.rle" }, ValidationCodes.InvalidBrush, ValidationSeverity.Error, "brush rle is empty.");
            return;
        }

        if (result.OriginalWidth is > 0 && result.OriginalHeight is > 0)
        {
            long declared;
            try
            {
                declared = BrushRle.ReadValueCount(rle);
            }
            catch (RleFormatException ex)
            {
                Add(sink, at with { Field = "value.rle" }, ValidationCodes.InvalidBrush, ValidationSeverity.Error, $"brush rle header is unreadable: {ex.Message}");
                return;
            }

            var expected = (long)result.OriginalWidth.Value * result.OriginalHeight.Value * 4;
            if (declared != expected)
            {
                Add(sink, at with { Field = "value.rle" }, ValidationCodes.InvalidBrush, ValidationSeverity.Error,
                    Say($"brush rle declares {declared} values; an image of {result.OriginalWidth}x{result.OriginalHeight} needs {expected} (width x height x 4)."));
            }
        }
    }

    private static void CheckSpan(double? start, double? end, Place at, List<ValidationDiagnostic> sink, bool sameNode = true)
    {
        if (start is { } s && (s < 0 || !double.IsFinite(s)))
        {
            Add(sink, at with { Field = "value.start" }, ValidationCodes.InvalidSpan, ValidationSeverity.Error, Say($"span start is {s}; expected a number >= 0."));
        }

        if (sameNode && start is { } a && end is { } b && a > b)
        {
            Add(sink, at with { Field = "value.end" }, ValidationCodes.InvalidSpan, ValidationSeverity.Error, Say($"span ends at {b}, before its start {a}."));
        }
    }

    private static void Geometry(IReadOnlyList<GeometryIssue> issues, Place at, string prefix, List<ValidationDiagnostic> sink)
    {
        foreach (var issue in issues)
        {
            // Label Studio itself saves boxes that stick out of the image (a box dragged to the edge, then rotated;
            // model boxes past the border), so that is a warning; values outside their range are errors.
            if (issue.Kind == GeometryIssueKind.OutsideImage)
            {
                Add(sink, at with { Field = prefix + issue.Field }, ValidationCodes.RegionOutsideImage, ValidationSeverity.Warning, issue.Message);
            }
            else
            {
                Add(sink, at with { Field = prefix + issue.Field }, ValidationCodes.GeometryOutOfRange, ValidationSeverity.Error, issue.Message);
            }
        }
    }

    private string ControlList()
    {
        var names = Config.Controls.Select(c => c.Name).OfType<string>().ToList();
        return names.Count == 0 ? "(none)" : Truncate(string.Join(", ", names));
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "...");

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Add(List<ValidationDiagnostic> sink, Place place, string code, ValidationSeverity severity, string message) =>
        sink.Add(new ValidationDiagnostic
        {
            Code = code,
            Severity = severity,
            Message = message,
            TaskIndex = place.TaskIndex,
            TaskId = place.TaskId,
            Target = place.Target,
            ItemIndex = place.ItemIndex,
            ItemId = place.ItemId,
            ResultIndex = place.ResultIndex,
            RegionId = place.RegionId,
            Field = place.Field,
        });

    private readonly record struct Place
    {
        public long TaskIndex { get; init; }

        public long? TaskId { get; init; }

        public ValidationTarget Target { get; init; }

        public int? ItemIndex { get; init; }

        public long? ItemId { get; init; }

        public int? ResultIndex { get; init; }

        public string? RegionId { get; init; }

        public string? Field { get; init; }
    }
}
