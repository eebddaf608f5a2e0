namespace LabelStudio.Formats.Import;

/// <summary>Where the official importer puts the labeling config next to the tasks file.</summary>
public static class ImportPaths
{
    /// <summary>
    /// The config path for a tasks file: a <c>.json</c> extension is replaced by <c>.label_config.xml</c>
    /// (<c>out/tasks.json</c> gives <c>out/tasks.label_config.xml</c>); any other name gets it appended. The official
    /// importer removes every <c>.json</c> in the whole path; only the file's own extension is removed here.
    /// </summary>
    /// <param name="tasksPath">The tasks file.</param>
    public static string GetLabelConfigPath(string tasksPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(tasksPath);
        var withoutJson = tasksPath.EndsWith(".json", StringComparison.Ordinal) ? tasksPath[..^".json".Length] : tasksPath;
        return withoutJson + ".label_config.xml";
    }
}
