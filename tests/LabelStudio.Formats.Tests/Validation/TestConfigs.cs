using LabelStudio.Config;

namespace LabelStudio.Formats.Tests.Validation;

internal static class TestConfigs
{
    // One config exercising every rule: image tools (labels and split form), text spans, classifications, relations.
    public const string Xml = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image"><Label value="Cat"/><Label value="Dog"/></RectangleLabels>
          <Rectangle name="rect" toName="image"/>
          <Labels name="tag" toName="image"><Label value="Car"/></Labels>
          <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
          <EllipseLabels name="ell" toName="image"><Label value="Eye"/></EllipseLabels>
          <KeyPointLabels name="kp" toName="image"><Label value="Nose"/></KeyPointLabels>
          <BrushLabels name="brush" toName="image"><Label value="Sky"/></BrushLabels>
          <Text name="text" value="$doc.body"/>
          <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
          <Choices name="quality" toName="image" choice="single"><Choice value="good"/><Choice value="blurry"/></Choices>
          <Choices name="tags" toName="image" choice="multiple"><Choice value="a"/><Choice value="b"/></Choices>
          <Choices name="dyn" toName="image" value="$options"/>
          <Taxonomy name="topic" toName="text"><Choice value="Animal"><Choice value="Mammal"/></Choice><Choice value="Plant"/></Taxonomy>
          <TextArea name="note" toName="text" maxSubmissions="2"/>
          <Rating name="stars" toName="text" maxRating="4"/>
          <Number name="count" toName="text" min="1" max="10"/>
          <Relations><Relation value="owns"/></Relations>
          <Repeater on="$pages" indexFlag="{{idx}}">
            <Image name="page_{{idx}}" value="$pages[{{idx}}].url"/>
            <Choices name="kind_{{idx}}" toName="page_{{idx}}"><Choice value="cover"/></Choices>
          </Repeater>
        </View>
        """;

    public static LabelConfig Config { get; } = LabelConfig.Parse(Xml);
}
