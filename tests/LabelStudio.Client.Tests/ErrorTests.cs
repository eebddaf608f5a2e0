using System.Net;
using LabelStudio.Client.Tests.Infrastructure;

namespace LabelStudio.Client.Tests;

/// <summary>Every error shape the server sends becomes a typed <see cref="LabelStudioApiException"/>.</summary>
public class ErrorTests
{
    private static async Task<LabelStudioApiException> FailWith(HttpResponseMessage response)
    {
        var handler = new RecordingHandler().On(HttpMethod.Get, "/api/projects/1/", () => response);
        using var test = new TestClient(handler, o => o.MaxRetries = 0);
        var act = () => test.Client.Projects.GetAsync(1);
        return (await act.Should().ThrowAsync<LabelStudioApiException>()).Which;
    }

    [Test]
    public async Task Envelope404_Fixture_NotFoundWithRequestIdAndVersion()
    {
        var e = await FailWith(Responses.FromFixture("errors__not_found__response.json", HttpStatusCode.NotFound));
        e.Should().BeOfType<LabelStudioNotFoundException>();
        e.StatusCode.Should().Be(HttpStatusCode.NotFound);
        e.Detail.Should().Be("Invalid page.");
        e.RequestId.Should().Be("5864cb16-36bb-4ce6-af9b-0b5c16992a88");
        e.Error.ServerVersion.Should().Be("1.8.0");
        e.Message.Should().Contain("GET /api/projects/1/").And.Contain("Invalid page.");
    }

    [Test]
    public async Task Envelope500_Fixture_KeepsTraceback()
    {
        var e = await FailWith(Responses.FromFixture("errors__server_error__response.json", HttpStatusCode.InternalServerError));
        e.GetType().Should().Be<LabelStudioApiException>();
        e.Detail.Should().Be("test");
        e.Error.ExceptionInfo.Should().StartWith("Traceback");
    }

    [Test]
    public async Task Validation400_Fixture_ValidationErrorsByField()
    {
        var e = await FailWith(Responses.FromFixture("projects__validate_config_in_use__response.json", HttpStatusCode.BadRequest));
        e.Should().BeOfType<LabelStudioValidationException>();
        e.Detail.Should().Be("Validation error");
        e.ValidationErrors.Should().ContainKey("label_config");
        e.ValidationErrors["label_config"].Single().Should().StartWith("These labels still exist");
    }

    [Test]
    public async Task SimpleJwt401_Fixture_AuthenticationWithCode()
    {
        var e = await FailWith(Responses.FromFixture("tokens__refresh_invalid__response.json", HttpStatusCode.Unauthorized));
        e.Should().BeOfType<LabelStudioAuthenticationException>();
        e.Detail.Should().Be("Token is invalid or expired");
        e.Error.Code.Should().Be("token_not_valid");
    }

    [Test]
    public async Task Forbidden_PlainDrfDetail_Authentication()
    {
        var e = await FailWith(Responses.Json("{\"detail\": \"You do not have permission to perform this action.\"}", HttpStatusCode.Forbidden));
        e.Should().BeOfType<LabelStudioAuthenticationException>();
        e.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        e.Detail.Should().Be("You do not have permission to perform this action.");
    }

    [Test]
    public async Task DrfFieldMap_400_ValidationErrorsFromFields()
    {
        var e = await FailWith(Responses.Json("{\"title\": [\"Ensure this field has at least 3 characters.\"], \"color\": [\"Bad\"]}", HttpStatusCode.BadRequest));
        e.ValidationErrors.Keys.Should().BeEquivalentTo("title", "color");
    }

    [Test]
    public async Task BareJsonString_400_IsTheDetail()
    {
        // The import endpoint documents its 400 body as a bare JSON string.
        var e = await FailWith(Responses.Json("\"Can't parse task data\"", HttpStatusCode.BadRequest));
        e.Detail.Should().Be("Can't parse task data");
    }

    [Test]
    public async Task HtmlFromProxy_502_ExcerptAsDetail()
    {
        var e = await FailWith(Responses.Text("<html><body>Bad Gateway</body></html>", HttpStatusCode.BadGateway, "text/html"));
        e.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        e.Detail.Should().Contain("Bad Gateway");
    }

    [Test]
    public async Task EmptyBody_409_StatusOnly()
    {
        var e = await FailWith(Responses.Status(HttpStatusCode.Conflict));
        e.StatusCode.Should().Be(HttpStatusCode.Conflict);
        e.Detail.Should().BeNull();
    }

    [Test]
    public async Task TruncatedJson_500_DoesNotThrowParserError()
    {
        var e = await FailWith(Responses.Json("{\"detail\": \"half", HttpStatusCode.InternalServerError));
        e.Detail.Should().Be("{\"detail\": \"half");
    }

    [Test]
    public async Task HugeBody_500_RawBodyCapped()
    {
        var e = await FailWith(Responses.Text(new string('x', 1_000_000), HttpStatusCode.InternalServerError));
        e.Error.RawBody!.Length.Should().Be(64 * 1024);
        e.Detail!.Length.Should().BeLessThan(600);
    }

    [Test]
    public async Task DeeplyNestedJson_400_DoesNotCrash()
    {
        var nested = string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000));
        var e = await FailWith(Responses.Json(nested, HttpStatusCode.BadRequest));
        e.Should().BeOfType<LabelStudioValidationException>();
    }
}
