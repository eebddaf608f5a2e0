namespace LabelStudio.Formats.Models;

/// <summary>A result value that carries a list of labels (or choices), whatever its JSON key.</summary>
public interface ILabeledValue
{
    /// <summary>The labels; <see langword="null"/> when the value has none (e.g. an unlabelled <c>rectangle</c>).</summary>
    IList<string>? LabelList { get; }
}
