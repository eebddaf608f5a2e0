using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Text;
using AngleSharp.Xml.Parser;
using LabelStudio.Config.Validation;

namespace LabelStudio.Config.Parsing;

/// <summary>
/// The reference reader: AngleSharp.Xml builds its DOM and, through <see cref="XmlParserOptions.OnCreated"/>, hands each
/// element to the model builder as it is created (in document order, attributes set, attached to its parent). Every
/// config the fast reader declines comes here, so syntax errors get their messages and positions from this path.
/// </summary>
internal sealed class AngleSharpConfigReader
{
    private readonly ConfigParser _builder;
    private readonly List<(ConfigTag Tag, IElement Element)> _textTags = [];
    private IElement?[] _open = new IElement?[16];
    private int _openCount;

    private AngleSharpConfigReader(ConfigParser builder) => _builder = builder;

    /// <summary>Reads the builder's text into it; false when the text is not a document (the diagnostic is reported).</summary>
    public static bool Read(ConfigParser builder) => new AngleSharpConfigReader(builder).Run();

    private bool Run()
    {
        var options = _builder.Options;
        IDocument document;
        try
        {
            // A parser per call: its browsing context caches services without locks.
            var parser = new XmlParser(new XmlParserOptions
            {
                IsSuppressingErrors = false,
                MaximumDepth = Math.Max(1, options.MaxDepth),
                MaxCharactersFromEntities = 1,
                OnCreated = OnElementCreated,
            });
            document = parser.ParseDocument(_builder.Text);
        }
        catch (XmlParseException exception)
        {
            ReportSyntaxError(exception);
            return false;
        }

        if (document.DocumentElement is null || !_builder.HasRoot)
        {
            _builder.ReportNoRoot();
            return false;
        }

        // Text and markup content is complete only once the whole element has been parsed.
        foreach (var (tag, element) in _textTags)
        {
            if (tag.Spec is { Name: "HyperText" })
            {
                if (element.ChildElementCount > 0)
                {
                    tag.Text = element.InnerHtml;
                }
            }
            else
            {
                tag.Text = element.TextContent;
            }
        }

        return true;
    }

    private void OnElementCreated(IElement element, TextPosition position)
    {
        // The open elements are the element's ancestors; close those its parent is not (they ended before it).
        var parentElement = element.ParentElement;
        while (_openCount > 0 && !ReferenceEquals(_open[_openCount - 1], parentElement))
        {
            _open[--_openCount] = null;
            _builder.EndElement();
        }

        if (_openCount == _open.Length)
        {
            Array.Resize(ref _open, _open.Length * 2);
        }

        _open[_openCount++] = element;
        if (!_builder.InOpaqueContent)
        {
            var attributes = element.Attributes;
            for (var i = 0; i < attributes.Length; i++)
            {
                var attribute = attributes[i]!;
                _builder.AddAttribute(attribute.Name, attribute.Value);
            }
        }

        if (_builder.StartElement(element.LocalName, position.Line, position.Column) is { } tag && ConfigParser.KeepsText(tag))
        {
            _textTags.Add((tag, element));
        }
    }

    private void ReportSyntaxError(XmlParseException exception)
    {
        var position = exception.Position;
        var line = Math.Max(1, position.Line);
        var column = Math.Max(1, position.Column);
        if (exception.Code == XmlErrors.MaximumDepthExceeded)
        {
            _builder.ReportSyntaxError(DiagnosticCodes.NestingTooDeep, line, column,
                $"elements are nested deeper than {_builder.Options.MaxDepth.ToString(CultureInfo.InvariantCulture)} levels",
                "raise LabelConfigOptions.MaxDepth if such a config is expected");
            return;
        }

        var index = position.Position > 0 ? position.Position - 1 : 0;
        var (message, hint) = XmlErrors.Describe(exception.Code, _builder.Text, index);
        _builder.ReportSyntaxError(DiagnosticCodes.MalformedXml, line, column, message, hint);
    }
}
