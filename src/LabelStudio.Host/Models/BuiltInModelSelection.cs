namespace LabelStudio.Host.Models;

/// <summary>Which built-in models <c>labelstudio serve --model</c> enables.</summary>
internal enum BuiltInModelSelection
{
    /// <summary>Both: each answers the configs it applies to.</summary>
    Auto,

    /// <summary>Only the interactive substring matcher.</summary>
    Substring,

    /// <summary>Only the text classifier.</summary>
    Classifier,
}
