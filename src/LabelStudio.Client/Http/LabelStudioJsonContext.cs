using System.Text.Json;
using System.Text.Json.Serialization;
using LabelStudio.Client.DataManager;
using LabelStudio.Client.Export;
using LabelStudio.Client.Import;
using LabelStudio.Client.MachineLearning;
using LabelStudio.Client.Organizations;
using LabelStudio.Client.Paging;
using LabelStudio.Client.Projects;
using LabelStudio.Client.Storage;
using LabelStudio.Client.Tasks;
using LabelStudio.Client.Tokens;
using LabelStudio.Client.Users;
using LabelStudio.Client.Webhooks;

namespace LabelStudio.Client.Http;

/// <summary>Source-generated JSON metadata for every wire type of the client (AOT-safe; no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    MaxDepth = 128)]
[JsonSerializable(typeof(PagedResponse<Project>))]
[JsonSerializable(typeof(PagedResponse<ProjectCounts>))]
[JsonSerializable(typeof(PagedResponse<OrganizationMember>))]
[JsonSerializable(typeof(Project))]
[JsonSerializable(typeof(ProjectRequest))]
[JsonSerializable(typeof(LabelConfigValidation))]
[JsonSerializable(typeof(List<UserSummary>))]
[JsonSerializable(typeof(List<ExportFormatInfo>))]
[JsonSerializable(typeof(ExportFormatInfo))]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(ImportStarted))]
[JsonSerializable(typeof(ReimportRequest))]
[JsonSerializable(typeof(List<FileUpload>))]
[JsonSerializable(typeof(FileUpload))]
[JsonSerializable(typeof(List<ExportSnapshot>))]
[JsonSerializable(typeof(ExportSnapshot))]
[JsonSerializable(typeof(ExportSnapshotRequest))]
[JsonSerializable(typeof(ExportConvertRequest))]
[JsonSerializable(typeof(ExportConversion))]
[JsonSerializable(typeof(List<View>))]
[JsonSerializable(typeof(View))]
[JsonSerializable(typeof(ViewRequest))]
[JsonSerializable(typeof(ViewOrderRequest))]
[JsonSerializable(typeof(List<DataManagerAction>))]
[JsonSerializable(typeof(ActionSelection))]
[JsonSerializable(typeof(DataManagerQuery))]
[JsonSerializable(typeof(List<MlBackend>))]
[JsonSerializable(typeof(MlBackend))]
[JsonSerializable(typeof(MlBackendRequest))]
[JsonSerializable(typeof(MlTrainRequest))]
[JsonSerializable(typeof(MlInteractiveRequest))]
[JsonSerializable(typeof(MlModelVersions))]
[JsonSerializable(typeof(List<Webhook>))]
[JsonSerializable(typeof(Webhook))]
[JsonSerializable(typeof(WebhookRequest))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(List<User>))]
[JsonSerializable(typeof(User))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(LegacyToken))]
[JsonSerializable(typeof(Hotkeys))]
[JsonSerializable(typeof(List<ApiToken>))]
[JsonSerializable(typeof(ApiToken))]
[JsonSerializable(typeof(TokenRefreshRequest))]
[JsonSerializable(typeof(TokenRefreshResponse))]
[JsonSerializable(typeof(TokenRotateResponse))]
[JsonSerializable(typeof(JwtSettings))]
[JsonSerializable(typeof(List<Organization>))]
[JsonSerializable(typeof(Organization))]
[JsonSerializable(typeof(OrganizationMember))]
[JsonSerializable(typeof(OrganizationInvite))]
[JsonSerializable(typeof(SessionPolicy))]
[JsonSerializable(typeof(LabelStudioVersion))]
[JsonSerializable(typeof(List<StorageConnection>))]
[JsonSerializable(typeof(StorageConnection))]
[JsonSerializable(typeof(StorageRequest))]
[JsonSerializable(typeof(List<StorageType>))]
[JsonSerializable(typeof(TaskEvent))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<JsonElement>))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class LabelStudioJsonContext : JsonSerializerContext;
