using LabelStudio.Formats.Geometry;

namespace LabelStudio.Formats.Tests.Geometry;

public class GeometryChecksTests
{
    [Test]
    public void CheckRectangle_InsideImage_NoIssues()
    {
        GeometryChecks.CheckRectangle(10, 10, 80, 90, 0).Should().BeEmpty();
        GeometryChecks.CheckRectangle(0, 0, 100.00000000000001, 100, 0).Should().BeEmpty("within the tolerance");
    }

    [Test]
    public void CheckRectangle_EveryProblem_ReportedTogetherNotClamped()
    {
        // 360 degrees is the unrotated box, so its edges are checked too: x + width = -15, y + height = 121.
        var issues = GeometryChecks.CheckRectangle(-5, 101, -10, 20, 360);

        issues.Select(i => (i.Field, i.Kind)).Should().BeEquivalentTo(new[]
        {
            ("x", GeometryIssueKind.OutOfRange),
            ("y", GeometryIssueKind.OutOfRange),
            ("width", GeometryIssueKind.NegativeSize),
            ("rotation", GeometryIssueKind.OutOfRange),
            ("x + width", GeometryIssueKind.OutsideImage),
            ("y + height", GeometryIssueKind.OutsideImage),
        });
        issues.Single(i => i.Field == "x").Value.Should().Be(-5);
        issues.Single(i => i.Field == "x").Message.Should().Contain("x is -5").And.Contain("0 to 100");
    }

    [Test]
    public void CheckRectangle_RightEdgePastImage_ReportsOutsideImage()
    {
        var issue = GeometryChecks.CheckRectangle(90, 0, 20, 10, 0).Should().ContainSingle().Which;

        issue.Field.Should().Be("x + width");
        issue.Kind.Should().Be(GeometryIssueKind.OutsideImage);
        issue.Value.Should().Be(110);
    }

    [Test]
    public void CheckRectangle_RotatedCornerLeavesImage_ReportedInPixels()
    {
        // 20% x 20% box at (5, 50) of 100 x 100 px turned 90 degrees: its height vector (0, 20) becomes
        // (-20, 0), so corners 2 and 3 sit at x = 5 - 20 = -15 px.
        var issues = GeometryChecks.CheckRectangle(5, 50, 20, 20, 90, new ImageSize(100, 100));

        issues.Select(i => i.Field).Should().BeEquivalentTo("corner[2].x", "corner[3].x");
        issues.Should().OnlyContain(i => i.Kind == GeometryIssueKind.OutsideImage && i.Value == -15);
    }

    [Test]
    public void CheckRectangle_NaN_ReportsNotFinite()
    {
        GeometryChecks.CheckRectangle(double.NaN, 0, 1, 1, 0).Should().ContainSingle()
            .Which.Kind.Should().Be(GeometryIssueKind.NotFinite);
    }

    [Test]
    public void CheckPolygon_TwoPointsOneOutside_ReportsBothWithIndex()
    {
        var issues = GeometryChecks.CheckPolygon([new Point2(10, 10), new Point2(50, 120)]);

        issues.Select(i => (i.Field, i.Kind)).Should().BeEquivalentTo(new[]
        {
            ("points", GeometryIssueKind.TooFewPoints),
            ("points[1].y", GeometryIssueKind.OutOfRange),
        });
    }

    [Test]
    public void CheckEllipse_RadiusAbove50_ReportsOutOfRange()
    {
        GeometryChecks.CheckEllipse(50, 50, 60, 10, 0).Should().ContainSingle().Which.Field.Should().Be("radiusX");
        GeometryChecks.CheckEllipse(50, 50, 10, -1, 0).Should().ContainSingle().Which.Kind.Should().Be(GeometryIssueKind.NegativeSize);
    }

    [Test]
    public void CheckKeyPoint_InsideAndOutside()
    {
        GeometryChecks.CheckKeyPoint(0, 100, 0.5).Should().BeEmpty();
        GeometryChecks.CheckKeyPoint(-1, 50).Should().ContainSingle().Which.Field.Should().Be("x");
    }
}
