namespace LabelStudio.Config.Parsing;

/// <summary>Which XML reader feeds the model builder; anything but <see cref="Auto"/> is for tests and benchmarks.</summary>
internal enum ConfigParserPath
{
    /// <summary>The fast reader, falling back to the reference for whatever it does not read exactly as the reference does.</summary>
    Auto,

    /// <summary>The fast reader alone: no result when it would fall back.</summary>
    FastOnly,

    /// <summary>AngleSharp.Xml alone, the reference.</summary>
    ReferenceOnly,
}
