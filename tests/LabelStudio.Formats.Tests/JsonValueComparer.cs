using System.Globalization;
using System.Text.Json;

namespace LabelStudio.Formats.Tests;

/// <summary>
/// Compares two JSON documents as values: same keys (order ignored), same structure, strings equal, numbers
/// equal by value (so 1.0 equals 1). Returns the path of the first difference, for readable failures.
/// </summary>
internal static class JsonValueComparer
{
    // pythonKinds: numbers as Python's json module reads them: an integer literal (no fraction, no exponent) is an
    // int and differs from any float (36 is not 36.0); floats are equal when they are the same double (-0.0 is not 0.0).
    public static string? FirstDifference(JsonElement expected, JsonElement actual, string path = "$", bool pythonKinds = false)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {Short(expected)}, got {actual.ValueKind} {Short(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualNames = actual.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var other))
                    {
                        return $"{path}.{property.Name}: missing in output";
                    }

                    actualNames.Remove(property.Name);
                    if (FirstDifference(property.Value, other, $"{path}.{property.Name}", pythonKinds) is { } inner)
                    {
                        return inner;
                    }
                }

                return actualNames.Count == 0 ? null : $"{path}: unexpected member(s) {string.Join(", ", actualNames)} in output";

            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} items, got {actual.GetArrayLength()}";
                }

                var index = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    if (FirstDifference(e, a, $"{path}[{index++}]", pythonKinds) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;

            case JsonValueKind.Number:
                return (pythonKinds ? PythonNumbersEqual(expected, actual) : NumbersEqual(expected, actual)) ? null : $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";

            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: expected \"{expected.GetString()}\", got \"{actual.GetString()}\"";

            default:
                return null;
        }
    }

    private static bool PythonNumbersEqual(JsonElement expected, JsonElement actual)
    {
        var expectedInt = IsIntegerLiteral(expected.GetRawText());
        if (expectedInt != IsIntegerLiteral(actual.GetRawText()))
        {
            return false;
        }

        return expectedInt
            ? System.Numerics.BigInteger.Parse(expected.GetRawText(), CultureInfo.InvariantCulture) == System.Numerics.BigInteger.Parse(actual.GetRawText(), CultureInfo.InvariantCulture)
            : BitConverter.DoubleToInt64Bits(expected.GetDouble()) == BitConverter.DoubleToInt64Bits(actual.GetDouble());
    }

    private static bool IsIntegerLiteral(string text) => text.AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    private static bool NumbersEqual(JsonElement expected, JsonElement actual)
    {
        // Label Studio's numbers are IEEE doubles (JavaScript and Python floats): two texts are the same number when
        // they denote the same double, e.g. 1.0 and 1, or 19.045470024656689 and its shortest form 19.045470024656687.
        // Integers beyond 2^53 are compared exactly.
        if (expected.TryGetInt64(out var e) && actual.TryGetInt64(out var a))
        {
            return e == a;
        }

        return expected.GetDouble().Equals(actual.GetDouble());
    }

    private static string Short(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length > 60 ? string.Concat(text.AsSpan(0, 60), "...") : text.ToString(CultureInfo.InvariantCulture);
    }
}
