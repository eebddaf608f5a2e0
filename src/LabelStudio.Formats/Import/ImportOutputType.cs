namespace LabelStudio.Formats.Import;

/// <summary>Where an importer puts the regions it reads: the official importer's <c>out_type</c>.</summary>
public enum ImportOutputType
{
    /// <summary>As one annotation per task (<c>"annotations"</c>), the default.</summary>
    Annotations,

    /// <summary>As one prediction per task (<c>"predictions"</c>); YOLO confidences become region scores.</summary>
    Predictions,
}
