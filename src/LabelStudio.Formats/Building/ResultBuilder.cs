using System.Text.Json;
using LabelStudio.Config;
using LabelStudio.Formats.Masks;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Building;

/// <summary>
/// Builds results (regions, classifications, relations) for one labeling config, fluently: names are resolved
/// from the config (<c>to_name</c> from the control), labels are checked against the control's vocabulary and
/// region ids are generated, so what comes out passes <see cref="Validation.TaskValidator"/>.
/// Not thread-safe: use one builder per annotation or prediction.
/// </summary>
/// <example>
/// <code>
/// Prediction p = new ResultBuilder(config, new() { OriginalWidth = 640, OriginalHeight = 480 })
///     .AddRectangle("label", 10, 20, 30, 40, "Cat")
///     .AddChoices("quality", "good")
///     .BuildPrediction("my-model-v1", score: 0.93);
/// </code>
/// </example>
public sealed class ResultBuilder
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

    private readonly LabelConfig _config;
    private readonly ResultBuilderOptions _options;
    private readonly List<Result> _results = [];

    /// <summary>Creates a builder for one config.</summary>
    /// <param name="config">The parsed labeling config.</param>
    /// <param name="options">Image size and id generation; null for the defaults.</param>
    public ResultBuilder(LabelConfig config, ResultBuilderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        _options = options ?? new ResultBuilderOptions();
    }

    /// <summary>The results built so far.</summary>
    public IReadOnlyList<Result> Results => _results;

    /// <summary>The last result added (its <see cref="Result.Id"/> is what <see cref="AddRelation"/> takes).</summary>
    /// <exception cref="InvalidOperationException">Nothing was added yet.</exception>
    public Result Last => _results.Count > 0 ? _results[^1] : throw new InvalidOperationException("No result was added yet.");

    /// <summary>Adds a rectangle (percent of the image, rotation in degrees about the top-left corner).</summary>
    /// <param name="controlName">A RectangleLabels or Rectangle control, or a Labels control next to a Rectangle.</param>
    /// <param name="x">Left, percent.</param>
    /// <param name="y">Top, percent.</param>
    /// <param name="width">Width, percent.</param>
    /// <param name="height">Height, percent.</param>
    /// <param name="labels">Labels; with a bare Rectangle control they go to a separate <c>labels</c> result (the split form).</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddRectangle(string controlName, double x, double y, double width, double height, params string[] labels) =>
        AddRotatedRectangle(controlName, x, y, width, height, 0, labels);

    /// <summary>Adds a rotated rectangle.</summary>
    /// <param name="controlName">A RectangleLabels or Rectangle control, or a Labels control next to a Rectangle.</param>
    /// <param name="x">Left, percent.</param>
    /// <param name="y">Top, percent.</param>
    /// <param name="width">Width, percent.</param>
    /// <param name="height">Height, percent.</param>
    /// <param name="rotation">Degrees, clockwise about the top-left corner.</param>
    /// <param name="labels">Labels.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddRotatedRectangle(string controlName, double x, double y, double width, double height, double rotation, params string[] labels) =>
        AddGeometry(controlName, "rectangle", labels, list => new RectangleValue { X = x, Y = y, Width = width, Height = height, Rotation = rotation, RectangleLabels = list },
            new() { ["x"] = x, ["y"] = y, ["width"] = width, ["height"] = height, ["rotation"] = rotation });

    /// <summary>Adds a polygon (vertices in percent).</summary>
    /// <param name="controlName">A PolygonLabels or Polygon control, or a Labels control next to a Polygon.</param>
    /// <param name="points">Vertices, percent.</param>
    /// <param name="labels">Labels.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddPolygon(string controlName, IEnumerable<PercentPoint> points, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(points);
        var list = points.ToList();
        return AddGeometry(controlName, "polygon", labels, l => new PolygonValue { Points = list, Closed = true, PolygonLabels = l }, null);
    }

    /// <summary>Adds an ellipse (centre and radii in percent).</summary>
    /// <param name="controlName">An EllipseLabels or Ellipse control.</param>
    /// <param name="x">Centre x, percent.</param>
    /// <param name="y">Centre y, percent.</param>
    /// <param name="radiusX">Horizontal radius, percent.</param>
    /// <param name="radiusY">Vertical radius, percent.</param>
    /// <param name="labels">Labels.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddEllipse(string controlName, double x, double y, double radiusX, double radiusY, params string[] labels) =>
        AddGeometry(controlName, "ellipse", labels, l => new EllipseValue { X = x, Y = y, RadiusX = radiusX, RadiusY = radiusY, Rotation = 0, EllipseLabels = l },
            new() { ["x"] = x, ["y"] = y, ["radiusX"] = radiusX, ["radiusY"] = radiusY, ["rotation"] = 0 });

    /// <summary>Adds a keypoint (percent).</summary>
    /// <param name="controlName">A KeyPointLabels or KeyPoint control.</param>
    /// <param name="x">X, percent.</param>
    /// <param name="y">Y, percent.</param>
    /// <param name="labels">Labels.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddKeyPoint(string controlName, double x, double y, params string[] labels) =>
        AddGeometry(controlName, "keypoint", labels, l => new KeyPointValue { X = x, Y = y, Width = 1, KeyPointLabels = l },
            new() { ["x"] = x, ["y"] = y, ["width"] = 1 });

    /// <summary>Adds a brush region from a mask (non-zero pixels are painted), encoded as Label Studio's RLE; the mask size is the image size.</summary>
    /// <param name="controlName">A BrushLabels or Brush control.</param>
    /// <param name="mask">The mask.</param>
    /// <param name="labels">Labels.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddBrush(string controlName, Mask mask, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var rle = BrushRle.EncodeMask(mask);
        AddGeometry(controlName, "brush", labels, l => new BrushValue { Format = "rle", Rle = rle, BrushLabels = l }, null);
        foreach (var result in RegionOf(Last))
        {
            result.OriginalWidth = mask.Width;
            result.OriginalHeight = mask.Height;
        }

        return this;
    }

    /// <summary>Adds a text or audio span (<c>labels</c>): character offsets for Text, seconds for Audio.</summary>
    /// <param name="controlName">A Labels control.</param>
    /// <param name="start">Start offset.</param>
    /// <param name="end">End offset (exclusive for text).</param>
    /// <param name="text">The covered text, or null (audio).</param>
    /// <param name="labels">Labels.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddSpan(string controlName, double start, double end, string? text, params string[] labels)
    {
        var (control, toName) = Resolve(controlName, "labels");
        RequireLabels(control, labels);
        _results.Add(NewResult(control, toName, "labels", new LabelsValue { Start = start, End = end, Text = text, Labels = [.. labels] }, image: false));
        return this;
    }

    /// <summary>Adds a classification (<c>choices</c>).</summary>
    /// <param name="controlName">A Choices control.</param>
    /// <param name="choices">The chosen values (one for <c>choice="single"</c>).</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddChoices(string controlName, params string[] choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var (control, toName) = Resolve(controlName, "choices");
        RequireLabels(control, choices);
        if (choices.Length > 1 && !control.IsMultipleChoice)
        {
            throw new ArgumentException($"Control \"{control.Name}\" allows one choice; {choices.Length} were given.", nameof(choices));
        }

        _results.Add(NewResult(control, toName, "choices", new ChoicesValue { Choices = [.. choices] }, image: false));
        return this;
    }

    /// <summary>Adds a taxonomy selection: each path goes from a root choice down to the selected one.</summary>
    /// <param name="controlName">A Taxonomy control.</param>
    /// <param name="paths">The selected paths, e.g. <c>["Animal", "Mammal"]</c>.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddTaxonomy(string controlName, params IReadOnlyList<string>[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var (control, toName) = Resolve(controlName, "taxonomy");
        foreach (var path in paths)
        {
            RequireLabels(control, [.. path]);
        }

        _results.Add(NewResult(control, toName, "taxonomy", new TaxonomyValue { Taxonomy = [.. paths.Select(p => (IList<string>)[.. p])] }, image: false));
        return this;
    }

    /// <summary>Adds texts (<c>textarea</c>).</summary>
    /// <param name="controlName">A TextArea control.</param>
    /// <param name="texts">The texts.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddTextArea(string controlName, params string[] texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var (control, toName) = Resolve(controlName, "textarea");
        if (control.GetInteger("maxSubmissions") is { } max && max > 0 && texts.Length > max)
        {
            throw new ArgumentException($"Control \"{control.Name}\" takes at most {max} texts (maxSubmissions); {texts.Length} were given.", nameof(texts));
        }

        _results.Add(NewResult(control, toName, "textarea", new TextAreaValue { Text = [.. texts] }, image: false));
        return this;
    }

    /// <summary>Adds a rating.</summary>
    /// <param name="controlName">A Rating control.</param>
    /// <param name="rating">0 to the control's <c>maxRating</c> (default 5).</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddRating(string controlName, int rating)
    {
        var (control, toName) = Resolve(controlName, "rating");
        var max = control.GetInteger("maxRating") ?? 5;
        ArgumentOutOfRangeException.ThrowIfNegative(rating);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rating, max);
        _results.Add(NewResult(control, toName, "rating", new RatingValue { Rating = rating }, image: false));
        return this;
    }

    /// <summary>Adds a number.</summary>
    /// <param name="controlName">A Number control.</param>
    /// <param name="number">Within the control's <c>min</c>/<c>max</c>.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddNumber(string controlName, double number)
    {
        var (control, toName) = Resolve(controlName, "number");
        if (!double.IsFinite(number) || number < control.GetNumber("min") || number > control.GetNumber("max"))
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, $"Control \"{control.Name}\" takes numbers from {control.GetNumber("min")} to {control.GetNumber("max")}.");
        }

        _results.Add(NewResult(control, toName, "number", new NumberValue { Number = number }, image: false));
        return this;
    }

    /// <summary>Adds a relation between two regions already added.</summary>
    /// <param name="fromId">The region the arrow starts at.</param>
    /// <param name="toId">The region it points to.</param>
    /// <param name="direction"><c>right</c> (default), <c>left</c> or <c>bi</c>.</param>
    /// <param name="labels">Relation labels declared by <c>&lt;Relation&gt;</c> tags.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder AddRelation(string fromId, string toId, string direction = "right", params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(fromId);
        ArgumentNullException.ThrowIfNull(toId);
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var id in new[] { fromId, toId })
        {
            if (!_results.Any(r => r.Type != ResultType.Relation && string.Equals(r.Id, id, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"No region with id \"{id}\" was added to this builder.", nameof(fromId));
            }
        }

        var known = _config.RelationLabels.Select(l => l.ResultValue).ToHashSet(StringComparer.Ordinal);
        var unknown = labels.Where(l => !known.Contains(l)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Relation label(s) {string.Join(", ", unknown.Select(l => $"\"{l}\""))} are not declared; the relation labels are: {(known.Count == 0 ? "(none)" : string.Join(", ", known))}.", nameof(labels));
        }

        _results.Add(new Result { Type = ResultType.Relation, FromId = fromId, ToId = toId, Direction = direction, Labels = [.. labels] });
        return this;
    }

    /// <summary>Sets the <c>score</c> of the last region (all its results in the split form).</summary>
    /// <param name="score">0 to 1.</param>
    /// <returns>This builder.</returns>
    public ResultBuilder WithScore(double score)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(score, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(score, 1);
        foreach (var result in RegionOf(Last))
        {
            result.Score = score;
        }

        return this;
    }

    /// <summary>The results, as a new list.</summary>
    /// <returns>The results.</returns>
    public IList<Result> Build() => [.. _results];

    /// <summary>A prediction holding the results.</summary>
    /// <param name="modelVersion">The model version shown in Label Studio.</param>
    /// <param name="score">Overall score, 0 to 1, or null.</param>
    /// <returns>The prediction.</returns>
    public Prediction BuildPrediction(string? modelVersion, double? score = null)
    {
        if (score is { } s)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(s, 0, nameof(score));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(s, 1, nameof(score));
        }

        return new Prediction { ModelVersion = modelVersion, Score = score, Results = Build() };
    }

    /// <summary>An annotation holding the results.</summary>
    /// <returns>The annotation.</returns>
    public Annotation BuildAnnotation() => new() { Results = Build() };

    private IEnumerable<Result> RegionOf(Result last) =>
        last.Id is null ? [last] : _results.Where(r => string.Equals(r.Id, last.Id, StringComparison.Ordinal));

    private ResultBuilder AddGeometry(string controlName, string geometry, string[] labels, Func<IList<string>?, ResultValue> makeValue, Dictionary<string, double>? splitFields)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var control = GetControl(controlName);
        var labeled = geometry + "labels";
        if (string.Equals(control.ResultType, labeled, StringComparison.Ordinal))
        {
            RequireLabels(control, labels);
            _results.Add(NewResult(control, ToNameOf(control), labeled, makeValue([.. labels]), image: true));
            return this;
        }

        ControlTag shape;
        ControlTag? labelsControl;
        if (string.Equals(control.ResultType, geometry, StringComparison.Ordinal))
        {
            shape = control;
            labelsControl = labels.Length == 0 ? null : SiblingOf(control, "labels")
                ?? throw new ArgumentException($"Control \"{control.Name}\" ({control.TagName}) has no labels and no <Labels> controls the same object; labels cannot be added.", nameof(labels));
        }
        else if (string.Equals(control.ResultType, "labels", StringComparison.Ordinal))
        {
            labelsControl = control;
            shape = SiblingOf(control, geometry)
                ?? throw new ArgumentException($"Control \"{control.Name}\" is a <Labels>; no {geometry} tool controls the same object.", nameof(controlName));
        }
        else
        {
            throw new ArgumentException($"Control \"{control.Name}\" ({control.TagName}) makes \"{control.ResultType}\" results, not {geometry} regions.", nameof(controlName));
        }

        // The split form: the shape and its labels are two results sharing one region id.
        var region = NewResult(shape, ToNameOf(shape), geometry, makeValue(null), image: true);
        _results.Add(region);
        if (labelsControl is not null)
        {
            RequireLabels(labelsControl, labels);
            var value = new LabelsValue { Labels = [.. labels] };
            if (splitFields is not null)
            {
                value.AdditionalProperties = splitFields.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value, Serialization.LabelStudioJsonContext.Default.Double), StringComparer.Ordinal);
            }

            _results.Add(NewResult(labelsControl, ToNameOf(labelsControl), "labels", value, image: true, id: region.Id));
        }

        return this;
    }

    private static ControlTag? SiblingOf(ControlTag control, string resultType) =>
        control.Objects.SelectMany(o => o.Controls).FirstOrDefault(c => !ReferenceEquals(c, control) && string.Equals(c.ResultType, resultType, StringComparison.Ordinal));

    private (ControlTag Control, string ToName) Resolve(string controlName, string resultType)
    {
        var control = GetControl(controlName);
        if (!string.Equals(control.ResultType, resultType, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Control \"{control.Name}\" ({control.TagName}) makes \"{control.ResultType}\" results, not \"{resultType}\".", nameof(controlName));
        }

        return (control, ToNameOf(control));
    }

    private ControlTag GetControl(string controlName)
    {
        ArgumentNullException.ThrowIfNull(controlName);
        return _config.TryGetControl(controlName, out var control)
            ? control
            : throw new ArgumentException($"The config has no control \"{controlName}\"; the controls are: {string.Join(", ", _config.Controls.Select(c => c.Name))}.", nameof(controlName));
    }

    private static string ToNameOf(ControlTag control) =>
        control.ToNames.Count > 0 ? control.ToNames[0] : control.Name ?? throw new ArgumentException($"Control <{control.TagName}> has no toName.", nameof(control));

    private static void RequireLabels(ControlTag control, string[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (control.IsDynamic)
        {
            return;
        }

        var unknown = labels.Where(l => l is null || !control.HasLabel(l)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Control \"{control.Name}\" has no {string.Join(", ", unknown.Select(l => $"\"{l}\""))}; it has: {string.Join(", ", control.LabelValues)}.", nameof(labels));
        }
    }

    private Result NewResult(ControlTag control, string toName, string type, ResultValue value, bool image, string? id = null)
    {
        var result = new Result
        {
            Id = id ?? NewId(),
            Type = new ResultType(type),
            FromName = control.Name,
            ToName = toName,
            Value = value,
        };
        if (image && _options.OriginalWidth is { } width && _options.OriginalHeight is { } height)
        {
            result.OriginalWidth = width;
            result.OriginalHeight = height;
            result.ImageRotation = 0;
        }

        return result;
    }

    private string NewId()
    {
        if (_options.IdGenerator is { } generate)
        {
            return generate();
        }

        Span<char> id = stackalloc char[10];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = IdAlphabet[Random.Shared.Next(IdAlphabet.Length)];
        }

        return new string(id);
    }
}
