using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Import;

/// <summary>What an import wrote: the tasks file, the labeling config beside it, and the report of what was left out.</summary>
/// <param name="TasksPath">The full path of the Label Studio tasks file (a JSON array).</param>
/// <param name="LabelConfigPath">The full path of the generated labeling config (<c>&lt;tasks&gt;.label_config.xml</c>).</param>
/// <param name="LabelConfigXml">The generated labeling config.</param>
/// <param name="Report">Tasks and regions read and written, and every skipped item with its reason.</param>
public sealed record DatasetImportResult(string TasksPath, string LabelConfigPath, string LabelConfigXml, ConversionReport Report);
