using LabelStudio.MlBackend.State;

namespace LabelStudio.MlBackend.Tests;

public class ProjectIdTests
{
    // Label Studio sends "<id>.<project created_at as unix seconds>" (reference/mlbackend.md §2.2); the id is the part before the dot.
    [TestCase("1.1712345678", "1")]
    [TestCase("42.1712345678.5", "42")]
    [TestCase("7", "7")]
    [TestCase(" 12.0 ", "12")]
    [TestCase("0012.99", "12")]
    public void TryParse_LabelStudioProjectField_ReturnsIdBeforeDot(string value, string expected)
    {
        ProjectId.TryParse(value, out var id).Should().BeTrue();
        id.Should().Be(expected);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase(".1712345678")]
    [TestCase("0.1712345678")]
    [TestCase("-1.5")]
    [TestCase("abc.123")]
    [TestCase("../../etc")]
    [TestCase("1e3")]
    [TestCase("9999999999999999999999")]
    public void TryParse_NotAProjectId_ReturnsFalse(string? value)
    {
        ProjectId.TryParse(value, out var id).Should().BeFalse();
        id.Should().BeEmpty();
    }
}
