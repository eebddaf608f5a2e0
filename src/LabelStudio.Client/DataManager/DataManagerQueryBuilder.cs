using System.Globalization;
using System.Text.Json;
using LabelStudio.Client.Http;

namespace LabelStudio.Client.DataManager;

/// <summary>
/// Builds Data Manager filter and ordering JSON, e.g.
/// <c>new DataManagerQueryBuilder().Where(DataManagerColumn.Data("score"), FilterOperator.Greater, 0.5).OrderByDescending(DataManagerColumn.Id).Build()</c>.
/// </summary>
public sealed class DataManagerQueryBuilder
{
    private readonly List<DataManagerFilter> _items = [];
    private readonly List<string> _ordering = [];
    private string _conjunction = "and";

    /// <summary>Items must all match (default).</summary>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder MatchAll()
    {
        _conjunction = "and";
        return this;
    }

    /// <summary>Any item may match.</summary>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder MatchAny()
    {
        _conjunction = "or";
        return this;
    }

    /// <summary>Adds a numeric comparison.</summary>
    /// <param name="column">The column.</param>
    /// <param name="op">The operator (equal, not_equal, less, greater, less_or_equal, greater_or_equal).</param>
    /// <param name="value">The number.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder Where(DataManagerColumn column, FilterOperator op, double value) =>
        Add(column, op, "Number", JsonSerializer.SerializeToElement(value, LabelStudioJsonContext.Default.Double));

    /// <summary>Adds a string comparison.</summary>
    /// <param name="column">The column.</param>
    /// <param name="op">The operator (equal, not_equal, contains, not_contains, regex).</param>
    /// <param name="value">The text.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder Where(DataManagerColumn column, FilterOperator op, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Add(column, op, "String", JsonSerializer.SerializeToElement(value, LabelStudioJsonContext.Default.String));
    }

    /// <summary>Adds a boolean comparison.</summary>
    /// <param name="column">The column.</param>
    /// <param name="value">The expected value.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder Where(DataManagerColumn column, bool value) =>
        Add(column, FilterOperator.Equal, "Boolean", JsonSerializer.SerializeToElement(value, LabelStudioJsonContext.Default.Boolean));

    /// <summary>Adds a date comparison (the server compares ISO 8601 UTC).</summary>
    /// <param name="column">The column.</param>
    /// <param name="op">The operator (less, greater, equal, ...).</param>
    /// <param name="value">The instant.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder Where(DataManagerColumn column, FilterOperator op, DateTimeOffset value) =>
        Add(column, op, "Datetime", JsonSerializer.SerializeToElement(FormatDate(value), LabelStudioJsonContext.Default.String));

    /// <summary>Adds a numeric range (inclusive) with operator <c>in</c> (or <c>not_in</c>).</summary>
    /// <param name="column">The column.</param>
    /// <param name="min">Lower bound.</param>
    /// <param name="max">Upper bound.</param>
    /// <param name="negate">Use <c>not_in</c>.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder InRange(DataManagerColumn column, double min, double max, bool negate = false)
    {
        if (min > max)
        {
            throw new ArgumentException($"The range minimum {min} is above the maximum {max}.", nameof(min));
        }

        var json = string.Create(CultureInfo.InvariantCulture, $"{{\"min\":{min:R},\"max\":{max:R}}}");
        using var document = JsonDocument.Parse(json);
        return Add(column, negate ? FilterOperator.NotIn : FilterOperator.In, "Number", document.RootElement.Clone());
    }

    /// <summary>Adds an emptiness test (<c>empty</c> operator).</summary>
    /// <param name="column">The column.</param>
    /// <param name="isEmpty">True: the column is empty; false: it is not.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder IsEmpty(DataManagerColumn column, bool isEmpty = true) =>
        Add(column, FilterOperator.Empty, "String", JsonSerializer.SerializeToElement(isEmpty, LabelStudioJsonContext.Default.Boolean));

    /// <summary>Adds a filter item with an explicit type and a raw JSON value (escape hatch).</summary>
    /// <param name="column">The column.</param>
    /// <param name="op">The operator.</param>
    /// <param name="type">The column type as the server names it.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder Add(DataManagerColumn column, FilterOperator op, string type, JsonElement value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(column.Name, nameof(column));
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        _items.Add(new DataManagerFilter { Filter = "filter:tasks:" + column.Name, Operator = op.Value, Type = type, Value = value });
        return this;
    }

    /// <summary>Orders ascending by a column (later calls order within earlier ones).</summary>
    /// <param name="column">The column.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder OrderBy(DataManagerColumn column)
    {
        _ordering.Add("tasks:" + column.Name);
        return this;
    }

    /// <summary>Orders descending by a column.</summary>
    /// <param name="column">The column.</param>
    /// <returns>This builder.</returns>
    public DataManagerQueryBuilder OrderByDescending(DataManagerColumn column)
    {
        _ordering.Add("-tasks:" + column.Name);
        return this;
    }

    /// <summary>The filters alone (for a view's data).</summary>
    /// <returns>A new filters object.</returns>
    public DataManagerFilters BuildFilters() => new() { Conjunction = _conjunction, Items = [.. _items] };

    /// <summary>The ordering alone.</summary>
    /// <returns>A new list.</returns>
    public IList<string> BuildOrdering() => [.. _ordering];

    /// <summary>The query for task listing and actions.</summary>
    /// <returns>A new query.</returns>
    public DataManagerQuery Build() => new()
    {
        Filters = _items.Count > 0 ? BuildFilters() : null,
        Ordering = _ordering.Count > 0 ? BuildOrdering() : null,
    };

    /// <summary>View settings carrying these filters and this ordering.</summary>
    /// <param name="title">The tab title.</param>
    /// <returns>A new view data.</returns>
    public ViewData BuildViewData(string? title = null) => new() { Title = title, Filters = BuildFilters(), Ordering = [.. _ordering] };

    private static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
