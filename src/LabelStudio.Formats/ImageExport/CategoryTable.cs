using System.Collections.Frozen;
using System.Globalization;
using LabelStudio.Config;

namespace LabelStudio.Formats.ImageExport;

/// <summary>Class names and ids of one export, numbered as <see cref="ImageExportOptions"/> asks.</summary>
internal sealed class CategoryTable
{
    private static readonly HashSet<string> ClassificationTags = new(StringComparer.Ordinal) { "Choices", "Taxonomy" };

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<(int Id, string Name)> _list = [];

    private CategoryTable(bool appendsUnknown) => AppendsUnknown = appendsUnknown;

    /// <summary>True when an unknown label gets the next id (the official behaviour); false when it is dropped.</summary>
    public bool AppendsUnknown { get; }

    /// <summary>The categories in list order (the order of COCO <c>categories</c> and YOLO <c>classes.txt</c>).</summary>
    public IReadOnlyList<(int Id, string Name)> List => _list;

    public static CategoryTable Create(LabelConfig config, ImageExportOptions options)
    {
        var controls = config.Controls.ToList();
        if (options.ClassMap is { } map)
        {
            var table = new CategoryTable(appendsUnknown: false);
            for (var i = 0; i < map.Names.Count; i++)
            {
                table.Add(i, map.Names[i]);
            }

            return table;
        }

        if (options.ClassIdOrder == ClassIdOrder.ConfigOrder)
        {
            var table = new CategoryTable(appendsUnknown: false);
            foreach (var name in controls.Where(c => !ClassificationTags.Contains(c.TagName)).SelectMany(c => c.LabelValues))
            {
                if (!table._ids.ContainsKey(name))
                {
                    table.Add(table._list.Count, name);
                }
            }

            return table;
        }

        return CreateOfficial(controls);
    }

    /// <summary>YOLO pose layout: the RectangleLabels labels in config order, ids from 0; unknown labels dropped.</summary>
    public static CategoryTable CreatePose(LabelConfig config, ImageExportOptions options)
    {
        if (options.ClassMap is not null)
        {
            return Create(config, options);
        }

        var table = new CategoryTable(appendsUnknown: false);
        foreach (var name in config.Controls.Where(c => c.TagName == "RectangleLabels").SelectMany(c => c.LabelValues))
        {
            if (!table._ids.ContainsKey(name))
            {
                table.Add(table._list.Count, name);
            }
        }

        return table;
    }

    public bool TryGetId(string name, out int id)
    {
        if (_ids.TryGetValue(name, out id))
        {
            return true;
        }

        if (!AppendsUnknown)
        {
            return false;
        }

        // Official: the new id is the current number of categories, even if an explicit id already uses it.
        id = _list.Count;
        Add(id, name);
        return true;
    }

    /// <summary>
    /// The names and ids known now, frozen: for work on other threads, which may read it while the table appends
    /// unknown labels (their ids depend on the order labels are met, so only the ordered consumer may add them).
    /// </summary>
    public FrozenDictionary<string, int> Snapshot() => _ids.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The highest id, or -1 when there are none.</summary>
    public int MaxId => _list.Count == 0 ? -1 : _list.Max(c => c.Id);

    /// <summary>Removes names (COCO moves keypoint labels into the "default" category); their ids are not reused.</summary>
    public void Remove(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (_ids.Remove(name))
            {
                _list.RemoveAll(c => string.Equals(c.Name, name, StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Adds a category with an explicit id (the COCO keypoint "default" category).</summary>
    public void AddExplicit(int id, string name) => Add(id, name);

    private static CategoryTable CreateOfficial(List<ControlTag> controls)
    {
        var table = new CategoryTable(appendsUnknown: true);
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var control in controls)
        {
            foreach (var label in control.Labels)
            {
                if (label.ResultValue is not { } name)
                {
                    continue;
                }

                all.Add(name);
                if (label.GetAttribute("category") is { } category
                    && int.TryParse(category, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var explicitId)
                    && !table._ids.ContainsKey(name))
                {
                    table.Add(explicitId, name);
                }
            }
        }

        var used = new HashSet<int>(table._list.Select(c => c.Id));
        var next = 0;
        foreach (var name in all.Where(n => !table._ids.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            while (used.Contains(next))
            {
                next++;
            }

            table.Add(next, name);
            used.Add(next);
        }

        return table;
    }

    private void Add(int id, string name)
    {
        _ids[name] = id;
        _list.Add((id, name));
    }
}
