using LabelStudio.Formats.Building;
using LabelStudio.Formats.Masks;
using LabelStudio.Formats.Models;
using LabelStudio.Formats.Serialization;
using LabelStudio.Formats.Tests.Validation;
using LabelStudio.Formats.Validation;

namespace LabelStudio.Formats.Tests.Building;

public class ResultBuilderTests
{
    private static ResultBuilder NewBuilder()
    {
        var next = 0;
        return new ResultBuilder(TestConfigs.Config, new ResultBuilderOptions
        {
            OriginalWidth = 200,
            OriginalHeight = 100,
            IdGenerator = () => "id" + next++,
        });
    }

    [Test]
    public void BuildPrediction_EveryKindOfResult_PassesTheValidatorWithoutDiagnostics()
    {
        var mask = new Mask(200, 100);
        mask[3, 4] = 255;
        var builder = NewBuilder()
            .AddRectangle("label", 10, 20, 30, 40, "Cat").WithScore(0.9)
            .AddRotatedRectangle("rect", 5, 5, 10, 10, 30, "Car")
            .AddRectangle("tag", 50, 50, 10, 10, "Car")
            .AddPolygon("poly", [new(0, 0), new(10, 0), new(10, 10)], "Road")
            .AddEllipse("ell", 50, 50, 10, 5, "Eye")
            .AddKeyPoint("kp", 1, 2, "Nose")
            .AddBrush("brush", mask, "Sky")
            .AddSpan("ner", 0, 3, "Ann", "PER")
            .AddChoices("quality", "good")
            .AddChoices("tags", "a", "b")
            .AddChoices("dyn", "anything")
            .AddTaxonomy("topic", ["Animal", "Mammal"], ["Plant"])
            .AddTextArea("note", "one", "two")
            .AddRating("stars", 4)
            .AddNumber("count", 3);
        builder.AddRelation(builder.Results[0].Id!, builder.Results.Single(r => r.FromName == "poly").Id!, "right", "owns");

        var prediction = builder.BuildPrediction("model-v1", score: 0.75);
        var task = new LabelStudioTask { Id = 1, Data = new() { ["image"] = "a.jpg", ["doc"] = new System.Text.Json.Nodes.JsonObject { ["body"] = "Ann" }, ["options"] = new System.Text.Json.Nodes.JsonArray(), ["pages"] = new System.Text.Json.Nodes.JsonArray() }, Predictions = [prediction] };

        new TaskValidator(TestConfigs.Config).Validate(task).Select(d => d.ToString()).Should().BeEmpty();
        // A written and re-read prediction still validates (the split form's geometry travels as extra members).
        var reread = LabelStudioJson.DeserializePrediction(LabelStudioJson.SerializeToUtf8Bytes(prediction));
        new TaskValidator(TestConfigs.Config).ValidatePrediction(reread).Should().BeEmpty();
        (prediction.ModelVersion, prediction.Score).Should().Be(("model-v1", (double?)0.75));
    }

    [Test]
    public void AddRectangle_LabelsControl_ResolvesToNameAndFillsImageSize()
    {
        var result = NewBuilder().AddRectangle("label", 10, 20, 30, 40, "Cat").Build().Single();

        (result.Id, result.Type, result.FromName, result.ToName, result.OriginalWidth, result.OriginalHeight)
            .Should().Be(("id0", ResultType.RectangleLabels, "label", "image", (int?)200, (int?)100));
        result.Value.Should().BeEquivalentTo(new RectangleValue { X = 10, Y = 20, Width = 30, Height = 40, Rotation = 0, RectangleLabels = ["Cat"] });
    }

    [Test]
    public void AddRectangle_BareRectangleWithLabel_WritesTheSplitFormSharingOneId()
    {
        // <Rectangle name="rect"> has no labels; <Labels name="tag"> controls the same image.
        var results = NewBuilder().AddRectangle("rect", 1, 2, 3, 4, "Car").Build();

        results.Select(r => (r.Id, r.Type.Value, r.FromName)).Should().Equal(("id0", "rectangle", "rect"), ("id0", "labels", "tag"));
        results[1].GetLabels().Should().Equal("Car");
        ResultRegions.GroupByRegion(results).Should().ContainSingle();
    }

    [Test]
    public void AddBrush_Mask_EncodesRleThatDecodesToTheSameMask()
    {
        var mask = new Mask(4, 3);
        mask[1, 1] = 255;
        mask[2, 1] = 255;

        var result = NewBuilder().AddBrush("brush", mask, "Sky").Last;

        var value = result.Value.Should().BeOfType<BrushValue>().Subject;
        value.Format.Should().Be("rle");
        BrushRle.DecodeMask(value.Rle, 4, 3).ContentEquals(mask).Should().BeTrue();
        (result.OriginalWidth, result.OriginalHeight).Should().Be(((int?)4, (int?)3));
    }

    [Test]
    public void Build_NoImageSizeGiven_LeavesOriginalSizeOut()
    {
        var result = new ResultBuilder(TestConfigs.Config).AddRectangle("label", 1, 1, 1, 1, "Dog").Last;

        result.OriginalWidth.Should().BeNull();
        result.Id.Should().MatchRegex("^[A-Za-z0-9_-]{10}$");
    }

    [Test]
    public void AddRectangle_LabelNotInConfig_ThrowsNamingTheLabels()
    {
        var act = () => NewBuilder().AddRectangle("label", 1, 1, 1, 1, "Cow");

        act.Should().Throw<ArgumentException>().WithMessage("*\"Cow\"*Cat, Dog*");
    }

    [Test]
    public void AddRectangle_UnknownControl_ThrowsListingControls()
    {
        var act = () => NewBuilder().AddRectangle("box", 1, 1, 1, 1, "Cat");

        act.Should().Throw<ArgumentException>().WithMessage("*no control \"box\"*label, rect*");
    }

    [Test]
    public void AddPolygon_ChoicesControl_ThrowsWrongKind()
    {
        var act = () => NewBuilder().AddPolygon("quality", [new(0, 0)], "good");

        act.Should().Throw<ArgumentException>().WithMessage("*\"choices\" results*");
    }

    [Test]
    public void AddChoices_TwoForSingleChoice_Throws()
    {
        var act = () => NewBuilder().AddChoices("quality", "good", "blurry");

        act.Should().Throw<ArgumentException>().WithMessage("*allows one choice*");
    }

    [TestCase(5)]
    [TestCase(-1)]
    public void AddRating_OutsideMaxRating_Throws(int rating)
    {
        var act = () => NewBuilder().AddRating("stars", rating);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void AddNumber_OutsideMinMax_Throws()
    {
        var act = () => NewBuilder().AddNumber("count", 11);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void AddTextArea_MoreThanMaxSubmissions_Throws()
    {
        var act = () => NewBuilder().AddTextArea("note", "a", "b", "c");

        act.Should().Throw<ArgumentException>().WithMessage("*maxSubmissions*");
    }

    [Test]
    public void AddRelation_UnknownRegionOrLabel_Throws()
    {
        var builder = NewBuilder().AddChoices("quality", "good").AddRectangle("label", 1, 1, 1, 1, "Cat");

        builder.Invoking(b => b.AddRelation("id0", "zzz")).Should().Throw<ArgumentException>().WithMessage("*\"zzz\"*");
        builder.Invoking(b => b.AddRelation("id0", "id1", "right", "hates")).Should().Throw<ArgumentException>().WithMessage("*\"hates\"*owns*");
    }

    [Test]
    public void BuildPrediction_ScoreAboveOne_Throws()
    {
        var act = () => NewBuilder().BuildPrediction("v", 1.5);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
