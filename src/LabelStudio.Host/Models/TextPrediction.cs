namespace LabelStudio.Host.Models;

/// <summary>ML.NET output row of the text classifier.</summary>
public sealed class TextPrediction
{
    /// <summary>The most likely label.</summary>
    public string PredictedLabel { get; set; } = string.Empty;

    /// <summary>The probability of each label.</summary>
    public float[] Score { get; set; } = [];
}
