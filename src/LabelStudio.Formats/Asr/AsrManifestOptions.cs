using LabelStudio.Formats.Conversion;

namespace LabelStudio.Formats.Asr;

/// <summary>Options of the ASR_MANIFEST exporter.</summary>
public class AsrManifestOptions : ExportOptions
{
    /// <summary>
    /// False (the default) reproduces the official converter: a task without annotations gets the previous task's
    /// transcript (and, as the very first item, an empty one where the official converter crashes). True writes an
    /// empty transcript for it: the deliberate fix. Either way a warning is recorded in the report.
    /// </summary>
    public bool EmptyTranscriptForUnannotated { get; init; }
}
