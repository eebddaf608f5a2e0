using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Parsing;

/// <summary>The result of one parse: the model (null when the text could not be read), every diagnostic, and which reader was used.</summary>
internal sealed record ParseOutcome(LabelConfig? Config, IReadOnlyList<ConfigDiagnostic> Diagnostics, bool UsedFastPath);
