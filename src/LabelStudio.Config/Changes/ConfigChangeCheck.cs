using System.Globalization;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Changes;

/// <summary>
/// What a config change would break for existing annotations, as Label Studio's server checks before saving a config on
/// a project with data: every used (from_name, to_name, type) must still exist (TextArea exempt), and no label that
/// annotations use may be removed (dynamic labels exempt).
/// </summary>
public static class ConfigChangeCheck
{
    /// <summary>Lists what changing <paramref name="oldConfig"/> to <paramref name="newConfig"/> would break.</summary>
    /// <param name="oldConfig">The config now saved, or null when unknown (then any used label missing from the new config counts).</param>
    /// <param name="newConfig">The config about to be saved.</param>
    /// <param name="usage">What existing annotations and drafts use.</param>
    /// <returns>One error per broken control or set of labels; empty when the change is safe. Positions point into the new config.</returns>
    public static IReadOnlyList<ConfigDiagnostic> Check(LabelConfig? oldConfig, LabelConfig newConfig, AnnotationUsageSummary usage)
    {
        ArgumentNullException.ThrowIfNull(newConfig);
        ArgumentNullException.ThrowIfNull(usage);
        var problems = new List<ConfigDiagnostic>();
        var available = new HashSet<(string, string, string)>();
        foreach (var control in newConfig.Controls)
        {
            foreach (var toName in control.ToNames)
            {
                available.Add((control.Name ?? string.Empty, toName, control.ResultType));
            }
        }

        var reportedControls = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in usage.Results.GroupBy(r => (r.FromName, r.ToName, r.Type)))
        {
            var (fromName, toName, type) = group.Key;
            if (string.Equals(type, "textarea", StringComparison.OrdinalIgnoreCase) || available.Contains((fromName, toName, type)))
            {
                continue;
            }

            var count = group.Sum(r => r.Count);
            newConfig.TryGetControl(fromName, out var control);
            var reason = control is null
                ? $"the new config has no control named \"{fromName}\""
                : $"<{control.TagName} name=\"{fromName}\"> now has toName=\"{string.Join(",", control.ToNames)}\" and type {control.ResultType}";
            reportedControls.Add(fromName);
            problems.Add(Problem(DiagnosticCodes.ChangeBreaksAnnotations, control,
                string.Create(CultureInfo.InvariantCulture,
                    $"Created annotations are incompatible with the new labeling config: {count} result(s) with from_name={fromName}, to_name={toName}, type={type}; {reason}"),
                control is null ? $"keep a control named \"{fromName}\" of type {type} pointing at \"{toName}\", or delete those annotations first" : "restore the control's type and toName"));
        }

        foreach (var group in usage.Labels.GroupBy(l => l.FromName, StringComparer.Ordinal))
        {
            var fromName = group.Key;
            if (!newConfig.TryGetControl(fromName, out var control))
            {
                if (reportedControls.Add(fromName))
                {
                    problems.Add(Problem(DiagnosticCodes.ChangeBreaksAnnotations, null,
                        $"the new config removes control \"{fromName}\", whose labels existing annotations use ({string.Join(", ", group.Select(l => l.Label).Distinct(StringComparer.Ordinal))})",
                        $"keep the control \"{fromName}\", or delete those annotations first"));
                }

                continue;
            }

            if (control.IsDynamic)
            {
                continue;
            }

            ControlTag? oldControl = null;
            oldConfig?.TryGetControl(fromName, out oldControl);
            var removed = group
                .Where(l => !control.HasLabel(l.Label) && (oldControl is null || oldControl.HasLabel(l.Label) || oldControl.IsDynamic))
                .GroupBy(l => l.Label, StringComparer.Ordinal)
                .Select(g => (Label: g.Key, Count: g.Sum(l => l.Count)))
                .ToList();
            if (removed.Count == 0)
            {
                continue;
            }

            var list = string.Join(", ", removed.Select(r => string.Create(CultureInfo.InvariantCulture, $"\"{r.Label}\" ({r.Count})")));
            problems.Add(Problem(DiagnosticCodes.ChangeRemovesUsedLabels, control,
                $"These labels still exist in annotations or drafts: <{control.TagName} name=\"{fromName}\"> no longer has {list}",
                "keep these labels, or relabel or delete those annotations first"));
        }

        return problems;
    }

    private static ConfigDiagnostic Problem(string code, ConfigTag? tag, string message, string hint) =>
        new(code, DiagnosticSeverity.Error, tag?.Line ?? 0, tag?.Column ?? 0, tag?.Path ?? string.Empty, message, hint);
}
