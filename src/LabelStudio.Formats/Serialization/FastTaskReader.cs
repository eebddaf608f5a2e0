using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using LabelStudio.Formats.Models;

namespace LabelStudio.Formats.Serialization;

/// <summary>
/// Reads one task object (the exact bytes of one array element) without <see cref="Utf8JsonReader"/> for the members
/// exports are made of: the task envelope, annotations, results and the hand-written result values (rectangles,
/// polygons, choices, keypoints). Every other value is checked by a validating skipper and handed, as its own slice,
/// to the same code <see cref="TaskConverter.ReadTask"/> uses, so the object graph is identical by construction there.
/// Anything this reader is not sure about (malformed or unusual JSON, escaped member names, duplicated members,
/// nesting at the limit, numbers outside the plain forms) makes it give up: <see cref="TryRead"/> returns false and the
/// caller runs the exact reader, which also produces the positioned errors.
/// </summary>
internal static class FastTaskReader
{
    // What ends a run of plain string bytes: the quote, an escape, a control character (never allowed raw in JSON).
    private static readonly SearchValues<byte> StringStop = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"u8);

    // 10^0 to 10^8, for the digit runs of a word.
    private static readonly ulong[] IntegerPowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000];

    // The same set as a table: 1 for the bytes that end a plain run.
    private static readonly byte[] StopBytes = CreateStopBytes();

    /// <summary>
    /// Reads a task when its JSON is in the forms this reader handles; false otherwise (never throws for bad input).
    /// When true, <see cref="TaskConverter.ReadTask"/> over the same bytes, with the same <paramref name="skipped"/> and
    /// <paramref name="maxDepth"/>, would have returned an identical task.
    /// </summary>
    /// <param name="element">One complete task object, nothing before or after it.</param>
    /// <param name="pool">The calling thread's string pool.</param>
    /// <param name="maxDepth">The nesting limit of the reader the slow path would use, the task object included.</param>
    /// <param name="skipped">Members checked for well-formedness only.</param>
    /// <param name="task">The task.</param>
    /// <returns>Whether the task was read.</returns>
    public static bool TryRead(ReadOnlySpan<byte> element, JsonStringPool pool, int maxDepth, SkippedTaskMembers skipped, [NotNullWhen(true)] out LabelStudioTask? task)
    {
        task = null;
        if (maxDepth < 1 || element.IsEmpty || element[0] != (byte)'{')
        {
            return false;
        }

        try
        {
            pool.ResultBuffer.Clear();
            var parser = new Parser(element, maxDepth, pool);
            task = parser.ReadTask(skipped);
            return true;
        }
        catch (BailException)
        {
            return false;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            // Thrown by the delegated code: the exact reader would have failed as well (or the fast path is unsure).
            return false;
        }
    }

    // Eight bytes at a reference as a little-endian word; the caller has checked they are within the span.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Word(ref byte at)
    {
        var word = Unsafe.ReadUnaligned<ulong>(ref at);
        return BitConverter.IsLittleEndian ? word : BinaryPrimitives.ReverseEndianness(word);
    }

    private static byte[] CreateStopBytes()
    {
        var table = new byte[256];
        for (var c = 0; c < 0x20; c++)
        {
            table[c] = 1;
        }

        table['"'] = 1;
        table['\\'] = 1;
        return table;
    }

    [SuppressMessage("Design", "CA1064:Exceptions should be public", Justification = "Never leaves this class.")]
    [SuppressMessage("Design", "CA1032:Implement standard exception constructors", Justification = "Never leaves this class.")]
    private sealed class BailException : Exception;

    // The members of one object kind this reader reads itself, in the order of the switch that dispatches on them.
    // The members each object kind's switch dispatches on, by number; the tables know their names.
    private static class TaskMembers
    {
        public const int Id = 0;
        public const int Data = 1;
        public const int Meta = 2;
        public const int Annotations = 3;
        public const int Predictions = 4;
        public const int Drafts = 5;
        public const int CreatedAt = 6;
        public const int UpdatedAt = 7;
        public const int InnerId = 8;
        public const int TotalAnnotations = 9;
        public const int CancelledAnnotations = 10;
        public const int TotalPredictions = 11;
        public const int CommentCount = 12;
        public const int UnresolvedCommentCount = 13;
        public const int LastCommentUpdatedAt = 14;
        public const int Project = 15;
        public const int UpdatedBy = 16;
        public const int FileUpload = 17;
        public const int CommentAuthors = 18;
        public const int Agreement = 19;
        public const int IsLabeled = 20;
        public const int Overlap = 21;

        public static readonly MemberTable Table = new(null, SkippedMemberMasks.TaskMemberNames);
    }

    private static class AnnotationMembers
    {
        public const int Id = 0;
        public const int Result = 1;
        public const int CompletedBy = 2;
        public const int WasCancelled = 3;
        public const int GroundTruth = 4;
        public const int CreatedAt = 5;
        public const int UpdatedAt = 6;
        public const int DraftCreatedAt = 7;
        public const int LeadTime = 8;
        public const int Prediction = 9;
        public const int ResultCount = 10;
        public const int UniqueId = 11;
        public const int ImportId = 12;
        public const int LastAction = 13;
        public const int BulkCreated = 14;
        public const int Task = 15;
        public const int Project = 16;
        public const int UpdatedBy = 17;
        public const int ParentPrediction = 18;
        public const int ParentAnnotation = 19;
        public const int LastCreatedBy = 20;
        public const int CreatedUsername = 21;
        public const int CreatedAgo = 22;
        public const int State = 23;

        public static readonly MemberTable Table = new(TaskMembers.Table, SkippedMemberMasks.AnnotationMemberNames);
    }

    private static class ResultMembers
    {
        public const int Id = 0;
        public const int Type = 1;
        public const int Value = 2;
        public const int FromName = 3;
        public const int ToName = 4;
        public const int OriginalWidth = 5;
        public const int OriginalHeight = 6;
        public const int ImageRotation = 7;
        public const int Origin = 8;
        public const int Score = 9;
        public const int ParentId = 10;
        public const int Readonly = 11;
        public const int Hidden = 12;
        public const int Meta = 13;
        public const int FromId = 14;
        public const int ToId = 15;
        public const int Direction = 16;
        public const int Labels = 17;

        public static readonly MemberTable Table = new(AnnotationMembers.Table, "id", "type", "value", "from_name", "to_name", "original_width", "original_height", "image_rotation", "origin", "score", "parentID", "readonly", "hidden", "meta", "from_id", "to_id", "direction", "labels");
    }

    private static class RectangleMembers
    {
        public const int X = 0;
        public const int Y = 1;
        public const int Width = 2;
        public const int Height = 3;
        public const int Rotation = 4;
        public const int Rectanglelabels = 5;

        public static readonly MemberTable Table = new(ResultMembers.Table, "x", "y", "width", "height", "rotation", "rectanglelabels");
    }

    private static class ChoicesMembers
    {
        public const int Choices = 0;

        public static readonly MemberTable Table = new(RectangleMembers.Table, "choices");
    }

    private static class PolygonMembers
    {
        public const int Points = 0;
        public const int Closed = 1;
        public const int Polygonlabels = 2;

        public static readonly MemberTable Table = new(ChoicesMembers.Table, "points", "closed", "polygonlabels");
    }

    private static class KeyPointMembers
    {
        public const int X = 0;
        public const int Y = 1;
        public const int Width = 2;
        public const int Keypointlabels = 3;

        public static readonly MemberTable Table = new(PolygonMembers.Table, "x", "y", "width", "keypointlabels");
    }

    private static class PredictionMembers
    {
        public const int Id = 0;
        public const int Result = 1;
        public const int ModelVersion = 2;
        public const int Score = 3;
        public const int Cluster = 4;
        public const int Neighbors = 5;
        public const int Mislabeling = 6;
        public const int CreatedAt = 7;
        public const int UpdatedAt = 8;
        public const int Model = 9;
        public const int ModelRun = 10;
        public const int Task = 11;
        public const int Project = 12;
        public const int CreatedAgo = 13;

        public static readonly MemberTable Table = new(KeyPointMembers.Table, "id", "result", "model_version", "score", "cluster", "neighbors", "mislabeling", "created_at", "updated_at", "model", "model_run", "task", "project", "created_ago");
    }

    /// <summary>The slots <see cref="JsonStringPool.MemberOrder"/> needs: every kind's predictions.</summary>
    internal static int MemberOrderSlots => PredictionMembers.Table.End;

    // One object kind's member names, as the bytes the compact form writes for them ("name":), and the kind's slots in the
    // thread's member order: slot Offset predicts an object's first member, Offset + 1 + m the member after member m,
    // Offset + 1 + Count the member after an unknown one; each holds the predicted member + 1, 0 for none.
    private sealed class MemberTable
    {
        private readonly Token[] _tokens;

        public MemberTable(MemberTable? after, params string[] names)
        {
            _tokens = [.. names.Select(n => new Token(Encoding.UTF8.GetBytes(n)))];
            Offset = after?.End ?? 0;
            End = Offset + names.Length + 2;
        }

        public int Offset { get; }

        public int End { get; }

        public int Count => _tokens.Length;

        // The length of member m's token when the bytes at pos start with it; 0 otherwise.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Match(ReadOnlySpan<byte> json, int pos, int m)
        {
            ref readonly var token = ref _tokens[m];
            var length = token.Length;
            if (length > 24 || pos > json.Length - 16 || pos > json.Length - length)
            {
                return json[pos..].StartsWith(token.Bytes) ? length : 0;
            }

            ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(json), pos);
            var same = (Word(ref at) & token.FirstMask) == token.First
                && (length <= 8 || (Word(ref Unsafe.Add(ref at, length - 8)) == token.Last && (length <= 16 || Word(ref Unsafe.Add(ref at, 8)) == token.Middle)));
            return same ? length : 0;
        }

        public ReadOnlySpan<byte> Name(int m) => _tokens[m].Name;

        // The member named so; -1 for an unknown name.
        public int Find(ReadOnlySpan<byte> name)
        {
            var tokens = _tokens;
            for (var m = 0; m < tokens.Length; m++)
            {
                if (name.SequenceEqual(tokens[m].Name))
                {
                    return m;
                }
            }

            return -1;
        }

        // A member's name and its token, "name":, also as little-endian words: the first eight bytes (masked to the token
        // when shorter), bytes 8 to 15, and the last eight; tokens of at most 24 bytes are covered by those three loads.
        private readonly struct Token
        {
            public Token(byte[] name)
            {
                Name = name;
                Bytes = [(byte)'"', .. name, (byte)'"', (byte)':'];
                Length = Bytes.Length;
                var padded = new byte[Math.Max(Length, 16)];
                Bytes.CopyTo(padded, 0);
                First = BinaryPrimitives.ReadUInt64LittleEndian(padded);
                FirstMask = Length >= 8 ? ulong.MaxValue : (1UL << (Length * 8)) - 1;
                Middle = BinaryPrimitives.ReadUInt64LittleEndian(padded.AsSpan(8));
                Last = Length >= 8 ? BinaryPrimitives.ReadUInt64LittleEndian(Bytes.AsSpan(Length - 8)) : 0;
            }

            public byte[] Name { get; }

            public byte[] Bytes { get; }

            public int Length { get; }

            public ulong First { get; }

            public ulong FirstMask { get; }

            public ulong Middle { get; }

            public ulong Last { get; }
        }
    }

    /// <summary>
    /// The last string token read at a few members whose values repeat from result to result (control names, origins,
    /// types), kept with its quotes and its string: when the bytes at the cursor are exactly that token, closing quote
    /// included, the value is that string and the token was already checked (no escape, valid UTF-8).
    /// </summary>
    internal sealed class RecentStrings
    {
        public const int FromName = 0, ToName = 1, Origin = 2, TypeName = 3;
        private const int Sites = 4;
        private const int MaxToken = 64;

        private readonly byte[] _tokens = new byte[Sites * MaxToken];
        private readonly int[] _lengths = new int[Sites];
        private readonly string[] _values = new string[Sites];

        /// <summary>The result type of the <see cref="TypeName"/> site's token.</summary>
        public ResultType Type { get; set; }

        /// <summary>The length of the site's token when the bytes at pos start with it; 0 otherwise.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Match(int site, ReadOnlySpan<byte> json, int pos)
        {
            var length = _lengths[site];
            return length != 0 && pos <= json.Length - length && json.Slice(pos, length).SequenceEqual(_tokens.AsSpan(site * MaxToken, length)) ? length : 0;
        }

        /// <summary>The site's string.</summary>
        public string Value(int site) => _values[site];

        /// <summary>Keeps a checked, unescaped token (quotes included) and its string; a long one forgets the site.</summary>
        public void Remember(int site, ReadOnlySpan<byte> token, string value)
        {
            if (token.Length > MaxToken)
            {
                _lengths[site] = 0;
                return;
            }

            token.CopyTo(_tokens.AsSpan(site * MaxToken));
            _lengths[site] = token.Length;
            _values[site] = value;
        }
    }

    private ref struct Parser
    {
        private readonly ReadOnlySpan<byte> _json;
        private readonly int _maxDepth;
        private readonly JsonStringPool _pool;
        private readonly JsonSerializerOptions _options;
        private readonly byte[] _order;
        private readonly RecentStrings _recent;
        private int _pos;
        private int _depth;

        // The annotation members read for well-formedness only (SkippedMemberMasks).
        private ulong _skippedInAnnotations;

        // SkippedTaskMembers.ReadOnlyLabelLists: a one-label list is the pool's shared array for that label.
        private bool _sharedLabelLists;

        public Parser(ReadOnlySpan<byte> json, int maxDepth, JsonStringPool pool)
        {
            _json = json;
            _maxDepth = maxDepth;
            _pool = pool;
            _options = LabelStudioJson.Options;
            _order = pool.MemberOrder;
            _recent = pool.RecentStrings;
        }

        [DoesNotReturn]
        private static void Bail() => throw new BailException();

        // ---- task ------------------------------------------------------------------------------------------------

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public LabelStudioTask ReadTask(SkippedTaskMembers skipped)
        {
            var skippedInTask = SkippedMemberMasks.Task(skipped);
            _skippedInAnnotations = SkippedMemberMasks.Annotation(skipped);
            _sharedLabelLists = (skipped & SkippedTaskMembers.ReadOnlyLabelLists) != 0;
            StartObject();
            var task = new LabelStudioTask();
            ulong present = 0, seen = 0;
            Dictionary<string, JsonElement>? extra = null;
            var previous = -1;
            while (NextMember(ref previous, TaskMembers.Table, out var member, out var name))
            {
                if ((skippedInTask & SkippedMemberMasks.Bit(member)) != 0)
                {
                    // Validated as the exact reader's Skip validates; nothing is built.
                    SkipValue();
                    continue;
                }

                switch (member)
                {
                    case TaskMembers.Id:
                        Once(ref seen, TaskConverter.IdBit);
                        task.Id = ReadNullableInt64();
                        present |= TaskConverter.IdBit;
                        break;

                    case TaskMembers.Data:
                        Once(ref seen, TaskConverter.DataBit);
                        if (Peek() != (byte)'{')
                        {
                            Bail();
                        }

                        task.Data = (JsonObject)ReadNodeDelegated()!;
                        present |= TaskConverter.DataBit;
                        break;

                    case TaskMembers.Meta:
                        Once(ref seen, TaskConverter.MetaBit);
                        var meta = Peek();
                        if (meta != (byte)'{' && meta != (byte)'n')
                        {
                            Bail();
                        }

                        task.Meta = (JsonObject?)ReadNode();
                        present |= TaskConverter.MetaBit;
                        break;

                    case TaskMembers.Annotations:
                        Once(ref seen, TaskConverter.AnnotationsBit);
                        task.Annotations = ReadAnnotations();
                        present |= TaskConverter.AnnotationsBit;
                        break;

                    case TaskMembers.Predictions:
                        Once(ref seen, TaskConverter.PredictionsBit);
                        task.Predictions = ReadPredictions();
                        present |= TaskConverter.PredictionsBit;
                        break;

                    case TaskMembers.Drafts:
                        Once(ref seen, TaskConverter.DraftsBit);
                        task.Drafts = ReadDraftsDelegated();
                        present |= TaskConverter.DraftsBit;
                        break;

                    case TaskMembers.CreatedAt:
                        Once(ref seen, TaskConverter.CreatedAtBit);
                        task.CreatedAt = ReadTimestamp();
                        present |= TaskConverter.CreatedAtBit;
                        break;

                    case TaskMembers.UpdatedAt:
                        Once(ref seen, TaskConverter.UpdatedAtBit);
                        task.UpdatedAt = ReadTimestamp();
                        present |= TaskConverter.UpdatedAtBit;
                        break;

                    case TaskMembers.InnerId:
                        Once(ref seen, TaskConverter.InnerIdBit);
                        task.InnerId = ReadNullableInt64();
                        present |= TaskConverter.InnerIdBit;
                        break;

                    case TaskMembers.TotalAnnotations:
                        Once(ref seen, TaskConverter.TotalAnnotationsBit);
                        task.TotalAnnotations = ReadNullableInt32();
                        present |= TaskConverter.TotalAnnotationsBit;
                        break;

                    case TaskMembers.CancelledAnnotations:
                        Once(ref seen, TaskConverter.CancelledAnnotationsBit);
                        task.CancelledAnnotations = ReadNullableInt32();
                        present |= TaskConverter.CancelledAnnotationsBit;
                        break;

                    case TaskMembers.TotalPredictions:
                        Once(ref seen, TaskConverter.TotalPredictionsBit);
                        task.TotalPredictions = ReadNullableInt32();
                        present |= TaskConverter.TotalPredictionsBit;
                        break;

                    case TaskMembers.CommentCount:
                        Once(ref seen, TaskConverter.CommentCountBit);
                        task.CommentCount = ReadNullableInt32();
                        present |= TaskConverter.CommentCountBit;
                        break;

                    case TaskMembers.UnresolvedCommentCount:
                        Once(ref seen, TaskConverter.UnresolvedCommentCountBit);
                        task.UnresolvedCommentCount = ReadNullableInt32();
                        present |= TaskConverter.UnresolvedCommentCountBit;
                        break;

                    case TaskMembers.LastCommentUpdatedAt:
                        Once(ref seen, TaskConverter.LastCommentUpdatedAtBit);
                        task.LastCommentUpdatedAt = ReadTimestamp();
                        present |= TaskConverter.LastCommentUpdatedAtBit;
                        break;

                    case TaskMembers.Project:
                        Once(ref seen, TaskConverter.ProjectBit);
                        task.Project = ReadNullableInt64();
                        present |= TaskConverter.ProjectBit;
                        break;

                    case TaskMembers.UpdatedBy:
                        Once(ref seen, TaskConverter.UpdatedByBit);
                        task.UpdatedBy = ReadNode();
                        present |= TaskConverter.UpdatedByBit;
                        break;

                    case TaskMembers.FileUpload:
                        Once(ref seen, TaskConverter.FileUploadBit);
                        task.FileUpload = ReadNode();
                        present |= TaskConverter.FileUploadBit;
                        break;

                    case TaskMembers.CommentAuthors:
                        Once(ref seen, TaskConverter.CommentAuthorsBit);
                        task.CommentAuthors = ReadNode();
                        present |= TaskConverter.CommentAuthorsBit;
                        break;

                    case TaskMembers.Agreement:
                        Once(ref seen, TaskConverter.AgreementBit);
                        task.Agreement = ReadNullableDouble(out var agreementStart);
                        present |= TaskConverter.AgreementBit | task.ReadAgreementLiteral(_json[agreementStart.._pos]);
                        break;

                    case TaskMembers.IsLabeled:
                        Once(ref seen, TaskConverter.IsLabeledBit);
                        task.IsLabeled = ReadNullableBoolean();
                        present |= TaskConverter.IsLabeledBit;
                        break;

                    case TaskMembers.Overlap:
                        Once(ref seen, TaskConverter.OverlapBit);
                        task.Overlap = ReadNullableInt32();
                        present |= TaskConverter.OverlapBit;
                        break;

                    default:
                        AddExtension(name, ref extra);
                        break;
                }
            }

            // The element is exactly one object: anything after it is not a task this reader vouches for.
            if (_pos != _json.Length)
            {
                Bail();
            }

            task.AdditionalProperties = extra;
            task.PresentMembers = present;
            return task;
        }

        private List<Annotation> ReadAnnotations()
        {
            if (Peek() != (byte)'[')
            {
                Bail();
            }

            StartArray();
            var annotations = new List<Annotation>();
            var first = true;
            while (NextElement(ref first))
            {
                annotations.Add(ReadAnnotation());
            }

            return annotations;
        }

        // ---- annotation ------------------------------------------------------------------------------------------

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Annotation ReadAnnotation()
        {
            if (Peek() != (byte)'{')
            {
                Bail();
            }

            StartObject();
            var value = new Annotation();
            ulong present = 0, seen = 0;
            Dictionary<string, JsonElement>? extra = null;
            List<Result>? results = null;
            var previous = -1;
            while (NextMember(ref previous, AnnotationMembers.Table, out var member, out var name))
            {
                if ((_skippedInAnnotations & SkippedMemberMasks.Bit(member)) != 0)
                {
                    SkipValue();
                    continue;
                }

                switch (member)
                {
                    case AnnotationMembers.Id:
                        Once(ref seen, AnnotationConverter.IdBit);
                        value.Id = ReadNullableInt64();
                        present |= AnnotationConverter.IdBit;
                        break;

                    case AnnotationMembers.Result:
                        Once(ref seen, Annotation.ResultsBit);
                        results = ReadResults();
                        if (results is null)
                        {
                            present |= AnnotationConverter.ResultWasNullBit;
                        }

                        present |= Annotation.ResultsBit;
                        break;

                    case AnnotationMembers.CompletedBy:
                        Once(ref seen, AnnotationConverter.CompletedByBit);
                        value.CompletedBy = ReadNode();
                        present |= AnnotationConverter.CompletedByBit;
                        break;

                    case AnnotationMembers.WasCancelled:
                        Once(ref seen, AnnotationConverter.WasCancelledBit);
                        value.WasCancelled = ReadNullableBoolean();
                        present |= AnnotationConverter.WasCancelledBit;
                        break;

                    case AnnotationMembers.GroundTruth:
                        Once(ref seen, AnnotationConverter.GroundTruthBit);
                        value.GroundTruth = ReadNullableBoolean();
                        present |= AnnotationConverter.GroundTruthBit;
                        break;

                    case AnnotationMembers.CreatedAt:
                        Once(ref seen, AnnotationConverter.CreatedAtBit);
                        value.CreatedAt = ReadTimestamp();
                        present |= AnnotationConverter.CreatedAtBit;
                        break;

                    case AnnotationMembers.UpdatedAt:
                        Once(ref seen, AnnotationConverter.UpdatedAtBit);
                        value.UpdatedAt = ReadTimestamp();
                        present |= AnnotationConverter.UpdatedAtBit;
                        break;

                    case AnnotationMembers.DraftCreatedAt:
                        Once(ref seen, AnnotationConverter.DraftCreatedAtBit);
                        value.DraftCreatedAt = ReadTimestamp();
                        present |= AnnotationConverter.DraftCreatedAtBit;
                        break;

                    case AnnotationMembers.LeadTime:
                        Once(ref seen, AnnotationConverter.LeadTimeBit);
                        value.LeadTime = ReadNullableDouble(out var leadTimeStart);
                        present |= AnnotationConverter.LeadTimeBit | value.ReadLeadTimeLiteral(_json[leadTimeStart.._pos]);
                        break;

                    case AnnotationMembers.Prediction:
                        Once(ref seen, AnnotationConverter.PredictionBit);
                        value.Prediction = ReadNode();
                        present |= AnnotationConverter.PredictionBit;
                        break;

                    case AnnotationMembers.ResultCount:
                        Once(ref seen, AnnotationConverter.ResultCountBit);
                        value.ResultCount = ReadNullableInt32();
                        present |= AnnotationConverter.ResultCountBit;
                        break;

                    case AnnotationMembers.UniqueId:
                        Once(ref seen, AnnotationConverter.UniqueIdBit);
                        value.UniqueId = ReadNullableString(pooled: false);
                        present |= AnnotationConverter.UniqueIdBit;
                        break;

                    case AnnotationMembers.ImportId:
                        Once(ref seen, AnnotationConverter.ImportIdBit);
                        value.ImportId = ReadNullableInt64();
                        present |= AnnotationConverter.ImportIdBit;
                        break;

                    case AnnotationMembers.LastAction:
                        Once(ref seen, AnnotationConverter.LastActionBit);
                        value.LastAction = ReadNullableString(pooled: true);
                        present |= AnnotationConverter.LastActionBit;
                        break;

                    case AnnotationMembers.BulkCreated:
                        Once(ref seen, AnnotationConverter.BulkCreatedBit);
                        value.BulkCreated = ReadNullableBoolean();
                        present |= AnnotationConverter.BulkCreatedBit;
                        break;

                    case AnnotationMembers.Task:
                        Once(ref seen, AnnotationConverter.TaskBit);
                        value.Task = ReadNullableInt64();
                        present |= AnnotationConverter.TaskBit;
                        break;

                    case AnnotationMembers.Project:
                        Once(ref seen, AnnotationConverter.ProjectBit);
                        value.Project = ReadNullableInt64();
                        present |= AnnotationConverter.ProjectBit;
                        break;

                    case AnnotationMembers.UpdatedBy:
                        Once(ref seen, AnnotationConverter.UpdatedByBit);
                        value.UpdatedBy = ReadNode();
                        present |= AnnotationConverter.UpdatedByBit;
                        break;

                    case AnnotationMembers.ParentPrediction:
                        Once(ref seen, AnnotationConverter.ParentPredictionBit);
                        value.ParentPrediction = ReadNullableInt64();
                        present |= AnnotationConverter.ParentPredictionBit;
                        break;

                    case AnnotationMembers.ParentAnnotation:
                        Once(ref seen, AnnotationConverter.ParentAnnotationBit);
                        value.ParentAnnotation = ReadNullableInt64();
                        present |= AnnotationConverter.ParentAnnotationBit;
                        break;

                    case AnnotationMembers.LastCreatedBy:
                        Once(ref seen, AnnotationConverter.LastCreatedByBit);
                        value.LastCreatedBy = ReadNode();
                        present |= AnnotationConverter.LastCreatedByBit;
                        break;

                    case AnnotationMembers.CreatedUsername:
                        Once(ref seen, AnnotationConverter.CreatedUsernameBit);
                        value.CreatedUsername = ReadNullableString(pooled: true);
                        present |= AnnotationConverter.CreatedUsernameBit;
                        break;

                    case AnnotationMembers.CreatedAgo:
                        Once(ref seen, AnnotationConverter.CreatedAgoBit);
                        value.CreatedAgo = ReadNullableString(pooled: false);
                        present |= AnnotationConverter.CreatedAgoBit;
                        break;

                    case AnnotationMembers.State:
                        Once(ref seen, AnnotationConverter.StateBit);
                        value.State = ReadNullableString(pooled: true);
                        present |= AnnotationConverter.StateBit;
                        break;

                    default:
                        AddExtension(name, ref extra);
                        break;
                }
            }

            if (results is not null)
            {
                value.Results = results;
            }

            value.AdditionalProperties = extra;
            value.PresentMembers = present;
            return value;
        }

        private List<Result>? ReadResults()
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            if (c != (byte)'[')
            {
                Bail();
            }

            // Gathered in the thread's buffer, then copied into a list of the exact size: one array per annotation instead
            // of the 4, 8, 16... a growing list allocates. The buffer is a stack (a result never holds results, but this
            // does not rely on it), emptied before each task in case a read gave up halfway.
            StartArray();
            var buffer = _pool.ResultBuffer;
            var start = buffer.Count;
            var first = true;
            while (NextElement(ref first))
            {
                buffer.Add(ReadResult());
            }

            var count = buffer.Count - start;
            var list = new List<Result>(count);
            CollectionsMarshal.SetCount(list, count);
            CollectionsMarshal.AsSpan(buffer).Slice(start, count).CopyTo(CollectionsMarshal.AsSpan(list));
            buffer.RemoveRange(start, count);
            return list;
        }

        // ---- result ----------------------------------------------------------------------------------------------

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Result ReadResult()
        {
            if (Peek() != (byte)'{')
            {
                Bail();
            }

            StartObject();
            ulong present = 0, seen = 0;
            string? id = null, fromName = null, toName = null, parentId = null, origin = null, fromId = null, toId = null, direction = null;
            ResultType type = default;
            ResultValue? value = null;
            int? originalWidth = null, originalHeight = null;
            double? imageRotation = null, score = null;
            bool? readOnly = null, hidden = null;
            JsonNode? meta = null;
            IList<string>? labels = null;
            Dictionary<string, JsonElement>? extra = null;
            var pendingValue = -1;
            var depth = _depth;
            var previous = -1;
            while (NextMember(ref previous, ResultMembers.Table, out var member, out var name))
            {
                switch (member)
                {
                    case ResultMembers.Id:
                        Once(ref seen, ResultConverter.IdBit);
                        id = ReadNullableString(pooled: false);
                        present |= ResultConverter.IdBit;
                        break;

                    case ResultMembers.Type:
                        Once(ref seen, ResultConverter.TypeBit);
                        if (Peek() == (byte)'"')
                        {
                            type = ReadType();
                            present |= ResultConverter.TypeBit;
                        }
                        else
                        {
                            // As the exact reader: a non-string type is kept verbatim.
                            (extra ??= new(StringComparer.Ordinal))["type"] = ParseElementDelegated();
                        }

                        break;

                    case ResultMembers.Value:
                        Once(ref seen, ResultConverter.ValueBit);
                        present |= ResultConverter.ValueBit;
                        if ((present & ResultConverter.TypeBit) != 0)
                        {
                            value = ReadValue(type);
                        }
                        else
                        {
                            // Typed by a "type" that may still come: read once the object is complete.
                            SkipWhitespace();
                            pendingValue = _pos;
                            SkipValue();
                        }

                        break;

                    case ResultMembers.FromName:
                        Once(ref seen, ResultConverter.FromNameBit);
                        fromName = ReadNullableString(pooled: true, RecentStrings.FromName);
                        present |= ResultConverter.FromNameBit;
                        break;

                    case ResultMembers.ToName:
                        Once(ref seen, ResultConverter.ToNameBit);
                        toName = ReadNullableString(pooled: true, RecentStrings.ToName);
                        present |= ResultConverter.ToNameBit;
                        break;

                    case ResultMembers.OriginalWidth:
                        Once(ref seen, ResultConverter.OriginalWidthBit);
                        originalWidth = ReadNullableInt32();
                        present |= ResultConverter.OriginalWidthBit;
                        break;

                    case ResultMembers.OriginalHeight:
                        Once(ref seen, ResultConverter.OriginalHeightBit);
                        originalHeight = ReadNullableInt32();
                        present |= ResultConverter.OriginalHeightBit;
                        break;

                    case ResultMembers.ImageRotation:
                        Once(ref seen, ResultConverter.ImageRotationBit);
                        imageRotation = ReadNullableDouble();
                        present |= ResultConverter.ImageRotationBit;
                        break;

                    case ResultMembers.Origin:
                        Once(ref seen, ResultConverter.OriginBit);
                        origin = ReadNullableString(pooled: true, RecentStrings.Origin);
                        present |= ResultConverter.OriginBit;
                        break;

                    case ResultMembers.Score:
                        Once(ref seen, ResultConverter.ScoreBit);
                        score = ReadNullableDouble();
                        present |= ResultConverter.ScoreBit;
                        break;

                    case ResultMembers.ParentId:
                        Once(ref seen, ResultConverter.ParentIdBit);
                        parentId = ReadNullableString(pooled: false);
                        present |= ResultConverter.ParentIdBit;
                        break;

                    case ResultMembers.Readonly:
                        Once(ref seen, ResultConverter.ReadOnlyBit);
                        readOnly = ReadNullableBoolean();
                        present |= ResultConverter.ReadOnlyBit;
                        break;

                    case ResultMembers.Hidden:
                        Once(ref seen, ResultConverter.HiddenBit);
                        hidden = ReadNullableBoolean();
                        present |= ResultConverter.HiddenBit;
                        break;

                    case ResultMembers.Meta:
                        Once(ref seen, ResultConverter.MetaBit);
                        meta = ReadResultMeta();
                        present |= ResultConverter.MetaBit;
                        break;

                    case ResultMembers.FromId:
                        Once(ref seen, ResultConverter.FromIdBit);
                        fromId = ReadNullableString(pooled: false);
                        present |= ResultConverter.FromIdBit;
                        break;

                    case ResultMembers.ToId:
                        Once(ref seen, ResultConverter.ToIdBit);
                        toId = ReadNullableString(pooled: false);
                        present |= ResultConverter.ToIdBit;
                        break;

                    case ResultMembers.Direction:
                        Once(ref seen, ResultConverter.DirectionBit);
                        direction = ReadNullableString(pooled: false);
                        present |= ResultConverter.DirectionBit;
                        break;

                    case ResultMembers.Labels:
                        Once(ref seen, ResultConverter.LabelsBit);
                        labels = ReadStrings(pooled: true);
                        present |= ResultConverter.LabelsBit;
                        break;

                    default:
                        AddExtension(name, ref extra);
                        break;
                }
            }

            if (pendingValue >= 0)
            {
                var end = _pos;
                var endDepth = _depth;
                _pos = pendingValue;
                _depth = depth;
                value = ReadValue(type);
                _pos = end;
                _depth = endDepth;
            }

            return new Result
            {
                Id = id,
                Type = type,
                FromName = fromName,
                ToName = toName,
                Value = value,
                OriginalWidth = originalWidth,
                OriginalHeight = originalHeight,
                ImageRotation = imageRotation,
                Score = score,
                ParentId = parentId,
                ReadOnly = readOnly,
                Hidden = hidden,
                Origin = origin,
                Meta = meta,
                FromId = fromId,
                ToId = toId,
                Direction = direction,
                Labels = labels,
                AdditionalProperties = extra,
                PresentMembers = present,
            };
        }

        private ResultType ReadType()
        {
            var length = _recent.Match(RecentStrings.TypeName, _json, _pos);
            if (length != 0)
            {
                _pos += length;
                return _recent.Type;
            }

            var start = _pos;
            var text = ScanString(out var escaped);
            if (escaped)
            {
                var sub = SubReader(start, _pos);
                return ResultTypeTable.Read(ref sub);
            }

            var type = ResultTypeTable.Read(text);
            _recent.Remember(RecentStrings.TypeName, _json[start.._pos], type.Value);
            _recent.Type = type;
            return type;
        }

        private JsonNode? ReadResultMeta()
        {
            if (Peek() == (byte)'n')
            {
                ReadNull();
                return null;
            }

            var start = _pos;
            SkipValue();
            var sub = SubReader(start, _pos);
            return JsonNode.Parse(ref sub);
        }

        // ---- result values ---------------------------------------------------------------------------------------

        private ResultValue? ReadValue(ResultType type)
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            var start = _pos;
            var depth = _depth;
            if (c == (byte)'{')
            {
                var value = type == ResultType.RectangleLabels || type == ResultType.Rectangle ? TryReadRectangle()
                    : type == ResultType.Choices ? TryReadChoices()
                    : type == ResultType.PolygonLabels || type == ResultType.Polygon ? TryReadPolygon()
                    : type == ResultType.KeyPointLabels || type == ResultType.KeyPoint ? (ResultValue?)TryReadKeyPoint()
                    : null;
                if (value is not null)
                {
                    return value;
                }

                // Not a shape read here (other types, mismatches, escapes, duplicates): the exact reader's routine on
                // this value alone decides, typed value or raw JSON.
                _pos = start;
                _depth = depth;
            }

            SkipValue();
            var sub = SubReader(start, _pos);
            return ResultConverter.ReadValue(ref sub, type, _options, _pool);
        }

        private RectangleValue? TryReadRectangle()
        {
            StartObject();
            var value = new RectangleValue();
            ulong present = 0, seen = 0;
            Dictionary<string, JsonElement>? extra = null;
            var previous = -1;
            while (NextMember(ref previous, RectangleMembers.Table, out var member, out var name))
            {
                switch (member)
                {
                    case RectangleMembers.X:
                        if (!Seen(ref seen, 1) || !TryReadDouble(out var x))
                        {
                            return null;
                        }

                        value.X = x;
                        break;

                    case RectangleMembers.Y:
                        if (!Seen(ref seen, 2) || !TryReadDouble(out var y))
                        {
                            return null;
                        }

                        value.Y = y;
                        break;

                    case RectangleMembers.Width:
                        if (!Seen(ref seen, 4) || !TryReadDouble(out var width))
                        {
                            return null;
                        }

                        value.Width = width;
                        break;

                    case RectangleMembers.Height:
                        if (!Seen(ref seen, 8) || !TryReadDouble(out var height))
                        {
                            return null;
                        }

                        value.Height = height;
                        break;

                    case RectangleMembers.Rotation:
                        if (!Seen(ref seen, 16) || !TryReadNullableDouble(out var rotation))
                        {
                            return null;
                        }

                        value.Rotation = rotation;
                        present |= RectangleValueConverter.RotationBit;
                        break;

                    case RectangleMembers.Rectanglelabels:
                        if (!Seen(ref seen, 32) || !TryReadLabels(out var labels))
                        {
                            return null;
                        }

                        value.RectangleLabels = labels;
                        present |= RectangleValueConverter.LabelsBit;
                        break;

                    default:
                        if (!TryAddValueExtension(name, ref extra))
                        {
                            return null;
                        }

                        break;
                }
            }

            value.AdditionalProperties = extra;
            value.PresentMembers = present;
            return value;
        }

        private ChoicesValue? TryReadChoices()
        {
            StartObject();
            var value = new ChoicesValue();
            ulong present = 0;
            Dictionary<string, JsonElement>? extra = null;
            var previous = -1;
            while (NextMember(ref previous, ChoicesMembers.Table, out var member, out var name))
            {
                if (member == ChoicesMembers.Choices)
                {
                    // A null list is a shape mismatch in the exact reader: it decides.
                    if (present != 0 || !TryReadLabels(out var choices) || choices is null)
                    {
                        return null;
                    }

                    value.Choices = choices;
                    present = 1;
                }
                else if (!TryAddValueExtension(name, ref extra))
                {
                    return null;
                }
            }

            value.AdditionalProperties = extra;
            value.PresentMembers = present;
            return value;
        }

        private PolygonValue? TryReadPolygon()
        {
            StartObject();
            var value = new PolygonValue();
            ulong present = 0, seen = 0;
            Dictionary<string, JsonElement>? extra = null;
            var previous = -1;
            while (NextMember(ref previous, PolygonMembers.Table, out var member, out var name))
            {
                switch (member)
                {
                    case PolygonMembers.Points:
                        if (!Seen(ref seen, 1) || !TryReadPoints(out var points))
                        {
                            return null;
                        }

                        value.Points = points;
                        present |= PolygonValueConverter.PointsBit;
                        break;

                    case PolygonMembers.Closed:
                        if (!Seen(ref seen, 2) || !TryReadNullableBoolean(out var closed))
                        {
                            return null;
                        }

                        value.Closed = closed;
                        present |= PolygonValueConverter.ClosedBit;
                        break;

                    case PolygonMembers.Polygonlabels:
                        if (!Seen(ref seen, 4) || !TryReadLabels(out var labels))
                        {
                            return null;
                        }

                        value.PolygonLabels = labels;
                        present |= PolygonValueConverter.LabelsBit;
                        break;

                    default:
                        if (!TryAddValueExtension(name, ref extra))
                        {
                            return null;
                        }

                        break;
                }
            }

            value.AdditionalProperties = extra;
            value.PresentMembers = present;
            return value;
        }

        private KeyPointValue? TryReadKeyPoint()
        {
            StartObject();
            var value = new KeyPointValue();
            ulong present = 0, seen = 0;
            Dictionary<string, JsonElement>? extra = null;
            var previous = -1;
            while (NextMember(ref previous, KeyPointMembers.Table, out var member, out var name))
            {
                switch (member)
                {
                    case KeyPointMembers.X:
                        if (!Seen(ref seen, 1) || !TryReadDouble(out var x))
                        {
                            return null;
                        }

                        value.X = x;
                        break;

                    case KeyPointMembers.Y:
                        if (!Seen(ref seen, 2) || !TryReadDouble(out var y))
                        {
                            return null;
                        }

                        value.Y = y;
                        break;

                    case KeyPointMembers.Width:
                        if (!Seen(ref seen, 4) || !TryReadNullableDouble(out var width))
                        {
                            return null;
                        }

                        value.Width = width;
                        present |= KeyPointValueConverter.WidthBit;
                        break;

                    case KeyPointMembers.Keypointlabels:
                        if (!Seen(ref seen, 8) || !TryReadLabels(out var labels))
                        {
                            return null;
                        }

                        value.KeyPointLabels = labels;
                        present |= KeyPointValueConverter.LabelsBit;
                        break;

                    default:
                        if (!TryAddValueExtension(name, ref extra))
                        {
                            return null;
                        }

                        break;
                }
            }

            value.AdditionalProperties = extra;
            value.PresentMembers = present;
            return value;
        }

        private bool TryReadPoints([NotNullWhen(true)] out List<PercentPoint>? points)
        {
            points = null;
            if (Peek() != (byte)'[')
            {
                return false;
            }

            StartArray();
            var list = new List<PercentPoint>();
            var first = true;
            while (NextElement(ref first))
            {
                if (Peek() != (byte)'[')
                {
                    return false;
                }

                StartArray();
                var pointFirst = true;
                if (!NextElement(ref pointFirst) || !TryReadDouble(out var x) || !NextElement(ref pointFirst) || !TryReadDouble(out var y) || NextElement(ref pointFirst))
                {
                    return false;
                }

                list.Add(new PercentPoint(x, y));
            }

            points = list;
            return true;
        }

        // Labels, choices: null, or an array of plain strings (anything else is left to the exact reader). Most lists
        // hold one label; for a consumer that never changes them (an export) that list is one array per label, shared.
        private bool TryReadLabels(out IList<string>? labels)
        {
            labels = null;
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return true;
            }

            if (c != (byte)'[')
            {
                return false;
            }

            StartArray();
            var first = true;
            if (!NextElement(ref first))
            {
                labels = new List<string>();
                return true;
            }

            if (!TryScanPlainString(out var text))
            {
                return false;
            }

            if (!NextElement(ref first))
            {
                labels = _sharedLabelLists ? _pool.GetSingletonList(text) : new List<string>(1) { _pool.Get(text) };
                return true;
            }

            var list = new List<string>(2) { _pool.Get(text) };
            do
            {
                if (!TryScanPlainString(out text))
                {
                    return false;
                }

                list.Add(_pool.Get(text));
            }
            while (NextElement(ref first));

            labels = list;
            return true;
        }

        // A string without escapes (the caller then pools it); false for anything else, which the exact reader decides.
        private bool TryScanPlainString(out ReadOnlySpan<byte> text)
        {
            text = default;
            if (Peek() != (byte)'"')
            {
                return false;
            }

            text = ScanString(out var escaped);
            return !escaped;
        }

        private bool TryReadDouble(out double value)
        {
            value = 0;
            if (!IsNumberStart(Peek()))
            {
                return false;
            }

            value = ReadDoubleToken();
            return true;
        }

        private bool TryReadNullableDouble(out double? value)
        {
            value = null;
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return true;
            }

            if (!IsNumberStart(c))
            {
                return false;
            }

            value = ReadDoubleToken();
            return true;
        }

        private bool TryReadNullableBoolean(out bool? value)
        {
            value = null;
            switch (Peek())
            {
                case (byte)'n':
                    ReadNull();
                    return true;
                case (byte)'t':
                    Literal("true"u8);
                    value = true;
                    return true;
                case (byte)'f':
                    Literal("false"u8);
                    value = false;
                    return true;
                default:
                    return false;
            }
        }

        // An unknown member of a value object, kept as the exact reader keeps it; a repeated one is left to it.
        private bool TryAddValueExtension(scoped ReadOnlySpan<byte> name, ref Dictionary<string, JsonElement>? extra)
        {
            var key = Encoding.UTF8.GetString(name);
            if (extra is not null && extra.ContainsKey(key))
            {
                return false;
            }

            (extra ??= new(StringComparer.Ordinal))[key] = ParseElementDelegated();
            return true;
        }

        // ---- scalar members --------------------------------------------------------------------------------------

        private long? ReadNullableInt64()
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            if (!IsNumberStart(c))
            {
                Bail();
            }

            return ReadIntegerToken(int32: false);
        }

        private int? ReadNullableInt32()
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            if (!IsNumberStart(c))
            {
                Bail();
            }

            return (int)ReadIntegerToken(int32: true);
        }

        // The number's text is _json[start.._pos] afterwards (empty for null): the models keep whether it was an integer.
        private double? ReadNullableDouble(out int start)
        {
            Peek();
            start = _pos;
            return ReadNullableDouble();
        }

        private double? ReadNullableDouble()
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            if (!IsNumberStart(c))
            {
                Bail();
            }

            return ReadDoubleToken();
        }

        private bool? ReadNullableBoolean()
        {
            if (!TryReadNullableBoolean(out var value))
            {
                Bail();
            }

            return value;
        }

        private string? ReadNullableString(bool pooled, int recent = -1)
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            if (c != (byte)'"')
            {
                Bail();
            }

            if (recent >= 0)
            {
                var length = _recent.Match(recent, _json, _pos);
                if (length != 0)
                {
                    _pos += length;
                    return _recent.Value(recent);
                }
            }

            var start = _pos;
            var text = ScanString(out var escaped);
            if (escaped)
            {
                // The reader's own unescaping (surrogate pairs, lone surrogates) on just this token.
                var sub = SubReader(start, _pos);
                return sub.GetString();
            }

            var value = pooled ? _pool.Get(text) : Encoding.UTF8.GetString(text);
            if (recent >= 0)
            {
                _recent.Remember(recent, _json[start.._pos], value);
            }

            return value;
        }

        private List<string>? ReadStrings(bool pooled)
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            if (c != (byte)'[')
            {
                Bail();
            }

            StartArray();
            var list = new List<string>();
            var first = true;
            while (NextElement(ref first))
            {
                if (Peek() != (byte)'"')
                {
                    Bail();
                }

                list.Add(ReadNullableString(pooled)!);
            }

            return list;
        }

        private Timestamp? ReadTimestamp()
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            if (c != (byte)'"')
            {
                Bail();
            }

            var start = _pos;
            var text = ScanString(out var escaped);
            if (!escaped && TryParsePlainTimestamp(text, out var timestamp))
            {
                return timestamp;
            }

            var sub = SubReader(start, _pos);
            return TimestampConverter.Instance.Read(ref sub, typeof(Timestamp), _options);
        }

        // The form Label Studio writes, yyyy-MM-ddTHH:mm:ss[.f{1,7}][Z|(+|-)hh:mm], read directly. Within the ranges
        // checked here Utf8JsonReader.TryGetDateTimeOffset accepts the same text and gives the same instant, so
        // TimestampConverter would build the same Timestamp: no offset means UTC, the raw text is kept. Anything else
        // (more fraction digits, leap seconds, years or offsets at the edges) goes to the converter.
        private static bool TryParsePlainTimestamp(ReadOnlySpan<byte> s, out Timestamp timestamp)
        {
            timestamp = default;
            if (s.Length < 19 || s[4] != (byte)'-' || s[7] != (byte)'-' || s[10] != (byte)'T' || s[13] != (byte)':' || s[16] != (byte)':')
            {
                return false;
            }

            if (!TwoDigits(s, 0, out var century) || !TwoDigits(s, 2, out var yearInCentury) || !TwoDigits(s, 5, out var month)
                || !TwoDigits(s, 8, out var day) || !TwoDigits(s, 11, out var hour) || !TwoDigits(s, 14, out var minute)
                || !TwoDigits(s, 17, out var second))
            {
                return false;
            }

            var year = (century * 100) + yearInCentury;
            if (year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            var i = 19;
            long fraction = 0;
            if (i < s.Length && s[i] == (byte)'.')
            {
                var digits = 0;
                i++;
                while (i < s.Length && (uint)(s[i] - '0') <= 9)
                {
                    if (++digits > 7)
                    {
                        return false;
                    }

                    fraction = (fraction * 10) + (s[i] - '0');
                    i++;
                }

                if (digits == 0)
                {
                    return false;
                }

                for (var pad = digits; pad < 7; pad++)
                {
                    fraction *= 10;
                }
            }

            var offset = TimeSpan.Zero;
            if (i < s.Length)
            {
                if (s[i] == (byte)'Z' && i + 1 == s.Length)
                {
                    // UTC.
                }
                else if ((s[i] == (byte)'+' || s[i] == (byte)'-') && i + 6 == s.Length && s[i + 3] == (byte)':'
                    && TwoDigits(s, i + 1, out var offsetHours) && TwoDigits(s, i + 4, out var offsetMinutes)
                    && offsetHours <= 13 && offsetMinutes <= 59)
                {
                    offset = new TimeSpan(offsetHours, offsetMinutes, 0);
                    if (s[i] == (byte)'-')
                    {
                        offset = -offset;
                    }
                }
                else
                {
                    return false;
                }
            }

            var clock = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
            timestamp = new Timestamp(new DateTimeOffset(clock, offset), Encoding.ASCII.GetString(s));
            return true;
        }

        private static bool TwoDigits(ReadOnlySpan<byte> s, int at, out int value)
        {
            var high = (uint)(s[at] - '0');
            var low = (uint)(s[at + 1] - '0');
            value = (int)((high * 10) + low);
            return high <= 9 && low <= 9;
        }

        // ValueReading.ReadNode: null, an empty object built directly, anything else parsed by JsonNode.
        private JsonNode? ReadNode()
        {
            var c = Peek();
            if (c == (byte)'n')
            {
                ReadNull();
                return null;
            }

            if (IsNumberStart(c))
            {
                // A user id (completed_by, updated_by): the node JsonNode.Parse builds, a JsonValue over a JsonElement,
                // with the element shared among the equal numbers of this read instead of one JsonDocument per node.
                var start = _pos;
                ScanNumber();
                return JsonValue.Create(_pool.GetNumber(_json[start.._pos]));
            }

            if (c == (byte)'{')
            {
                var start = _pos;
                _pos++;
                if (Peek() == (byte)'}')
                {
                    if (_depth >= _maxDepth)
                    {
                        Bail();
                    }

                    _pos++;
                    return new JsonObject();
                }

                _pos = start;
            }

            return ReadNodeDelegated();
        }

        private JsonNode? ReadNodeDelegated()
        {
            SkipWhitespace();
            var start = _pos;
            SkipValue();
            var sub = SubReader(start, _pos);
            return ValueReading.ReadNodeValue(ref sub);
        }

        // PredictionListConverter: prediction objects, or bare ids.
        private List<Prediction> ReadPredictions()
        {
            if (Peek() != (byte)'[')
            {
                Bail();
            }

            StartArray();
            var list = new List<Prediction>();
            var first = true;
            while (NextElement(ref first))
            {
                var c = Peek();
                if (IsNumberStart(c))
                {
                    list.Add(new Prediction { Id = ReadIntegerToken(int32: false), IsIdReference = true });
                }
                else if (c == (byte)'{')
                {
                    list.Add(ReadPrediction());
                }
                else
                {
                    Bail();
                }
            }

            return list;
        }

        // PredictionConverter.ReadPrediction.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private Prediction ReadPrediction()
        {
            StartObject();
            var value = new Prediction();
            ulong present = 0, seen = 0;
            Dictionary<string, JsonElement>? extra = null;
            List<Result>? results = null;
            var previous = -1;
            while (NextMember(ref previous, PredictionMembers.Table, out var member, out var name))
            {
                switch (member)
                {
                    case PredictionMembers.Id:
                        Once(ref seen, PredictionConverter.IdBit);
                        value.Id = ReadNullableInt64();
                        present |= PredictionConverter.IdBit;
                        break;

                    case PredictionMembers.Result:
                        Once(ref seen, Prediction.ResultsBit);
                        results = ReadResults();
                        if (results is null)
                        {
                            // The exact reader refuses a null result list.
                            Bail();
                        }

                        present |= Prediction.ResultsBit;
                        break;

                    case PredictionMembers.ModelVersion:
                        Once(ref seen, PredictionConverter.ModelVersionBit);
                        value.ModelVersion = ReadNullableString(pooled: true);
                        present |= PredictionConverter.ModelVersionBit;
                        break;

                    case PredictionMembers.Score:
                        Once(ref seen, PredictionConverter.ScoreBit);
                        value.Score = ReadNullableDouble();
                        present |= PredictionConverter.ScoreBit;
                        break;

                    case PredictionMembers.Cluster:
                        Once(ref seen, PredictionConverter.ClusterBit);
                        value.Cluster = ReadNode();
                        present |= PredictionConverter.ClusterBit;
                        break;

                    case PredictionMembers.Neighbors:
                        Once(ref seen, PredictionConverter.NeighborsBit);
                        value.Neighbors = ReadNode();
                        present |= PredictionConverter.NeighborsBit;
                        break;

                    case PredictionMembers.Mislabeling:
                        Once(ref seen, PredictionConverter.MislabelingBit);
                        value.Mislabeling = ReadNullableDouble();
                        present |= PredictionConverter.MislabelingBit;
                        break;

                    case PredictionMembers.CreatedAt:
                        Once(ref seen, PredictionConverter.CreatedAtBit);
                        value.CreatedAt = ReadTimestamp();
                        present |= PredictionConverter.CreatedAtBit;
                        break;

                    case PredictionMembers.UpdatedAt:
                        Once(ref seen, PredictionConverter.UpdatedAtBit);
                        value.UpdatedAt = ReadTimestamp();
                        present |= PredictionConverter.UpdatedAtBit;
                        break;

                    case PredictionMembers.Model:
                        Once(ref seen, PredictionConverter.ModelBit);
                        if (IsIdOrNull())
                        {
                            value.Model = ReadNullableInt64();
                            present |= PredictionConverter.ModelBit;
                        }
                        else
                        {
                            // An object (the task answers' form) is kept among the unknown members, as the exact reader keeps it.
                            AddExtension(name, ref extra);
                        }

                        break;

                    case PredictionMembers.ModelRun:
                        Once(ref seen, PredictionConverter.ModelRunBit);
                        if (IsIdOrNull())
                        {
                            value.ModelRun = ReadNullableInt64();
                            present |= PredictionConverter.ModelRunBit;
                        }
                        else
                        {
                            AddExtension(name, ref extra);
                        }

                        break;

                    case PredictionMembers.Task:
                        Once(ref seen, PredictionConverter.TaskBit);
                        value.Task = ReadNullableInt64();
                        present |= PredictionConverter.TaskBit;
                        break;

                    case PredictionMembers.Project:
                        Once(ref seen, PredictionConverter.ProjectBit);
                        value.Project = ReadNullableInt64();
                        present |= PredictionConverter.ProjectBit;
                        break;

                    case PredictionMembers.CreatedAgo:
                        Once(ref seen, PredictionConverter.CreatedAgoBit);
                        value.CreatedAgo = ReadNullableString(pooled: false);
                        present |= PredictionConverter.CreatedAgoBit;
                        break;

                    default:
                        AddExtension(name, ref extra);
                        break;
                }
            }

            if (results is not null)
            {
                value.Results = results;
            }

            value.AdditionalProperties = extra;
            value.PresentMembers = present;
            return value;
        }

        // The exact reader's look-ahead: a number or null token is an id (an invalid one fails the read there as here).
        private bool IsIdOrNull()
        {
            var c = Peek();
            return IsNumberStart(c) || (c == (byte)'n' && _json[_pos..].StartsWith("null"u8));
        }

        private List<Draft> ReadDraftsDelegated()
        {
            if (Peek() != (byte)'[')
            {
                Bail();
            }

            var start = _pos;
            SkipValue();
            var sub = SubReader(start, _pos);
            return ValueReading.ReadList(ref sub, LabelStudioJson.TypeInfo<Draft>());
        }

        private void AddExtension(scoped ReadOnlySpan<byte> name, ref Dictionary<string, JsonElement>? extra) =>
            (extra ??= new(StringComparer.Ordinal))[Encoding.UTF8.GetString(name)] = ParseElementDelegated();

        private JsonElement ParseElementDelegated()
        {
            SkipWhitespace();
            var start = _pos;
            SkipValue();
            var sub = SubReader(start, _pos);
            return JsonElement.ParseValue(ref sub);
        }

        // A reader over one value's bytes, on its first token. Its depth starts at 0: the limit left at this place.
        private readonly Utf8JsonReader SubReader(int start, int end)
        {
            var reader = new Utf8JsonReader(_json[start..end], new JsonReaderOptions { MaxDepth = Math.Max(1, _maxDepth - _depth) });
            reader.Read();
            return reader;
        }

        // ---- numbers ---------------------------------------------------------------------------------------------

        private static bool IsNumberStart(byte c) => c == (byte)'-' || (uint)(c - '0') <= 9;

        private static double ParseDouble(ReadOnlySpan<byte> text)
        {
            if (FastDouble.TryParse(text, out var value))
            {
                return value;
            }

            // Exponents, long mantissas: the reader's own parser (which refuses what overflows to infinity).
            var sub = new Utf8JsonReader(text);
            if (!sub.Read() || !sub.TryGetDouble(out value) || !double.IsFinite(value))
            {
                // Too long or malformed, or beyond a double's range (1e400): the exact reader reports it.
                Bail();
            }

            return value;
        }

        // The JSON number grammar exactly: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  The digits are gathered on
        // the way (as FastDouble gathers them: every digit counted, the value exact up to 19 of them) so plain numbers
        // are not read twice.
        private ReadOnlySpan<byte> ScanNumber(out ulong digits, out int count, out int fraction, out bool exponent)
        {
            var json = _json;
            var start = _pos;
            var i = _pos;
            digits = 0;
            count = 0;
            fraction = 0;
            exponent = false;
            if (json[i] == (byte)'-')
            {
                i++;
            }

            if (i >= json.Length)
            {
                Bail();
            }

            uint d = (uint)(json[i] - '0');
            if (d == 0)
            {
                count = 1;
                i++;
            }
            else if (d <= 9)
            {
                i = GatherDigits(json, i, ref digits, ref count);
            }
            else
            {
                Bail();
            }

            if (i < json.Length && json[i] == (byte)'.')
            {
                i++;
                if (i >= json.Length || !IsDigit(json[i]))
                {
                    Bail();
                }

                var fractionStart = i;
                i = GatherDigits(json, i, ref digits, ref count);
                fraction = i - fractionStart;
            }

            if (i < json.Length && (json[i] | 0x20) == (byte)'e')
            {
                exponent = true;
                i++;
                if (i < json.Length && (json[i] == (byte)'+' || json[i] == (byte)'-'))
                {
                    i++;
                }

                if (i >= json.Length || !IsDigit(json[i]))
                {
                    Bail();
                }

                i = SkipDigits(json, i);
            }

            _pos = i;
            return json[start..i];
        }

        // A run of digits added to the value, a word at a time: the digits at the start of an eight-byte word (all eight,
        // or the few before the run's end) are converted together. Past 19 digits the value wraps and is not used; the
        // count stays exact.
        private static int GatherDigits(ReadOnlySpan<byte> json, int i, ref ulong digits, ref int count)
        {
            while (i <= json.Length - 8)
            {
                var word = Word(ref Unsafe.Add(ref MemoryMarshal.GetReference(json), i));
                var nonDigits = NonDigitMask(word);
                if (nonDigits == 0)
                {
                    digits = unchecked((digits * 100_000_000) + EightDigits(word));
                    count += 8;
                    i += 8;
                    continue;
                }

                var run = BitOperations.TrailingZeroCount(nonDigits) >> 3;
                if (run != 0)
                {
                    // The run's digits moved to the top of the word: the bytes below become leading zeros.
                    digits = unchecked((digits * IntegerPowersOfTen[run]) + EightDigits(word << (64 - (run * 8))));
                    count += run;
                    i += run;
                }

                return i;
            }

            while (i < json.Length)
            {
                var d = (uint)(json[i] - '0');
                if (d > 9)
                {
                    break;
                }

                digits = unchecked((digits * 10) + d);
                count++;
                i++;
            }

            return i;
        }

        // Non-zero in the lowest byte of the word that is not an ASCII digit (a byte whose high nibble is not 3, or is 3
        // but past '9' once 6 is added); zero in the digit bytes below it. Carries only move upwards, out of a flagged
        // byte: bytes above the lowest flagged one may be wrong, and are never looked at.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong NonDigitMask(ulong word) =>
            ((word & 0xF0F0F0F0F0F0F0F0UL) ^ 0x3030303030303030UL) | (((word + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) ^ 0x3030303030303030UL);

        // The value of eight digit bytes (or zero bytes standing for leading zeros), the first in the lowest byte: pairs,
        // quads and the eight combined by three multiplications.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong EightDigits(ulong word)
        {
            word &= 0x0F0F0F0F0F0F0F0FUL;
            word = (word * 2561) >> 8;
            word = ((word & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
            return ((word & 0x0000FFFF0000FFFFUL) * 42949672960001UL) >> 32;
        }

        // The same grammar as ScanNumber, digits stepped over without their value: numbers only checked or kept as text.
        private ReadOnlySpan<byte> ScanNumber()
        {
            var json = _json;
            var start = _pos;
            var i = _pos;
            if (json[i] == (byte)'-')
            {
                i++;
            }

            if (i >= json.Length)
            {
                Bail();
            }

            var d = (uint)(json[i] - '0');
            if (d == 0)
            {
                i++;
            }
            else if (d <= 9)
            {
                i = SkipDigits(json, i + 1);
            }
            else
            {
                Bail();
            }

            if (i < json.Length && json[i] == (byte)'.')
            {
                i++;
                if (i >= json.Length || !IsDigit(json[i]))
                {
                    Bail();
                }

                i = SkipDigits(json, i + 1);
            }

            if (i < json.Length && (json[i] | 0x20) == (byte)'e')
            {
                i++;
                if (i < json.Length && (json[i] == (byte)'+' || json[i] == (byte)'-'))
                {
                    i++;
                }

                if (i >= json.Length || !IsDigit(json[i]))
                {
                    Bail();
                }

                i = SkipDigits(json, i + 1);
            }

            _pos = i;
            return json[start..i];
        }

        // FastDouble's exact case (at most 19 digits, an integer of at most 2^53 over a power of ten up to 10^22, no
        // exponent) computed from the digits gathered by the scan; the rest parsed from the text.
        private double ReadDoubleToken()
        {
            var start = _pos;
            if (TryPlainNumber(out var plain, out var plainFraction, out var negative, out var length))
            {
                _pos = start + length;
                if (plain <= FastDouble.MaxExactInteger)
                {
                    var value = plainFraction > 0 ? plain / FastDouble.PowersOfTen[plainFraction] : plain;
                    return negative ? -value : value;
                }

                return ParseDouble(_json.Slice(start, length));
            }

            var text = ScanNumber(out var digits, out var count, out var fraction, out var exponent);
            if (!exponent && count <= 19 && digits <= FastDouble.MaxExactInteger && fraction <= 22)
            {
                var result = fraction > 0 ? digits / FastDouble.PowersOfTen[fraction] : digits;
                return text[0] == (byte)'-' ? -result : result;
            }

            return ParseDouble(text);
        }

        // A plain integer (no fraction, no exponent, at most 18 digits) from the scan; the reader's parser for the rest.
        private long ReadIntegerToken(bool int32)
        {
            var start = _pos;
            if (TryPlainNumber(out var plain, out var plainFraction, out var negative, out var length) && plainFraction == 0)
            {
                // At most seven digits: within Int32.
                _pos = start + length;
                return negative ? -(long)plain : (long)plain;
            }

            var text = ScanNumber(out var digits, out var count, out var fraction, out var exponent);
            if (!exponent && fraction == 0 && count <= 18)
            {
                var value = text[0] == (byte)'-' ? -(long)digits : (long)digits;
                if (!int32 || value is >= int.MinValue and <= int.MaxValue)
                {
                    return value;
                }
            }

            var sub = SubReader(start, _pos);
            if (int32)
            {
                if (!sub.TryGetInt32(out var number32))
                {
                    Bail();
                }

                return number32;
            }

            if (!sub.TryGetInt64(out var number64))
            {
                Bail();
            }

            return number64;
        }

        // The forms most numbers take, -?(0|[1-9][0-9]{0,6})(\.[0-9]{1,16})? with at most 19 digits in all and no exponent,
        // read from whole words at the cursor: their digits as one integer, how many of them follow the point, and the
        // token's length. False for anything else (nothing consumed), which ScanNumber reads run by run. The grammar is
        // the one ScanNumber checks: a leading zero stands alone, a point is followed by a digit.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private readonly bool TryPlainNumber(out ulong digits, out int fraction, out bool negative, out int length)
        {
            digits = 0;
            fraction = 0;
            negative = false;
            length = 0;
            var json = _json;

            // Up to 26 bytes are looked at: the sign, seven digits, the point, two words of fraction and the byte after.
            if (_pos > json.Length - 32)
            {
                return false;
            }

            ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(json), _pos);
            var p = 0;
            if (at == (byte)'-')
            {
                negative = true;
                p = 1;
            }

            var word = Word(ref Unsafe.Add(ref at, p));
            var run = BitOperations.TrailingZeroCount(NonDigitMask(word)) >> 3;
            if (run == 0 || run == 8 || (run > 1 && (byte)word == (byte)'0'))
            {
                return false;
            }

            var integerDigits = run;
            var value = EightDigits(word << (64 - (run * 8)));
            p += run;
            var next = Unsafe.Add(ref at, p);
            if (next == (byte)'.')
            {
                p++;
                for (var words = 0; words < 2; words++)
                {
                    word = Word(ref Unsafe.Add(ref at, p));
                    run = BitOperations.TrailingZeroCount(NonDigitMask(word)) >> 3;
                    if (run == 0)
                    {
                        if (words == 0)
                        {
                            // A point without a digit after it.
                            return false;
                        }

                        break;
                    }

                    // A shift by 64 - 64 is a shift by 0: all eight bytes are digits then.
                    value = unchecked((value * IntegerPowersOfTen[run]) + EightDigits(word << (64 - (run * 8))));
                    fraction += run;
                    p += run;
                    if (run < 8)
                    {
                        break;
                    }
                }

                next = Unsafe.Add(ref at, p);
                if (IsDigit(next))
                {
                    // More than 16 fraction digits.
                    return false;
                }
            }

            if ((next | 0x20) == (byte)'e' || integerDigits + fraction > 19)
            {
                return false;
            }

            digits = value;
            length = p;
            return true;
        }

        private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

        // Past a run of digits, a word at a time.
        private static int SkipDigits(ReadOnlySpan<byte> json, int i)
        {
            while (i <= json.Length - 8)
            {
                var nonDigits = NonDigitMask(Word(ref Unsafe.Add(ref MemoryMarshal.GetReference(json), i)));
                if (nonDigits != 0)
                {
                    return i + (BitOperations.TrailingZeroCount(nonDigits) >> 3);
                }

                i += 8;
            }

            while (i < json.Length && IsDigit(json[i]))
            {
                i++;
            }

            return i;
        }

        // ---- structure -------------------------------------------------------------------------------------------

        private void SkipWhitespace()
        {
            var json = _json;
            var i = _pos;
            while (i < json.Length)
            {
                var c = json[i];
                if (c != (byte)' ' && c != (byte)'\n' && c != (byte)'\r' && c != (byte)'\t')
                {
                    break;
                }

                i++;
            }

            _pos = i;
        }

        // The next significant byte (0 at the end, which no caller accepts). Compact JSON has no whitespace between
        // tokens: one load and compare then; every byte at or below the space goes the long way.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private byte Peek()
        {
            var pos = _pos;
            if ((uint)pos < (uint)_json.Length)
            {
                var c = _json[pos];
                if (c > (byte)' ')
                {
                    return c;
                }
            }

            return PeekAfterWhitespace();
        }

        private byte PeekAfterWhitespace()
        {
            SkipWhitespace();
            return _pos < _json.Length ? _json[_pos] : (byte)0;
        }

        private void StartObject()
        {
            // The exact reader refuses a container that would exceed its limit.
            if (Peek() != (byte)'{' || _depth >= _maxDepth)
            {
                Bail();
            }

            _pos++;
            _depth++;
        }

        private void StartArray()
        {
            if (Peek() != (byte)'[' || _depth >= _maxDepth)
            {
                Bail();
            }

            _pos++;
            _depth++;
        }

        // Moves to the next member's value (name and colon read); false at the object's end (consumed). Objects of a kind
        // repeat their members' order: when the bytes at the cursor are exactly the "name": predicted after the previous
        // member (the closing quote included, so a longer name never matches), the name is not scanned. Otherwise it is,
        // as it always was, and the prediction learns the order met. member is the table's number, -1 for an unknown
        // name; previous starts at -1 (no comma before the first member).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool NextMember(ref int previous, MemberTable table, out int member, out ReadOnlySpan<byte> name)
        {
            // The common case inline: a comma right after the previous value, then the predicted token.
            var json = _json;
            var pos = _pos;
            if (previous >= 0 && (uint)pos < (uint)json.Length && json[pos] == (byte)',')
            {
                var predicted = _order[table.Offset + previous + 1] - 1;
                if (predicted >= 0)
                {
                    var length = table.Match(json, pos + 1, predicted);
                    if (length != 0)
                    {
                        name = table.Name(predicted);
                        _pos = pos + 1 + length;
                        member = previous = predicted;
                        return true;
                    }
                }
            }

            return NextMemberScanned(ref previous, table, out member, out name);
        }

        private bool NextMemberScanned(ref int previous, MemberTable table, out int member, out ReadOnlySpan<byte> name)
        {
            var c = Peek();
            if (c == (byte)'}')
            {
                // Covers "{}" and the end after a member; "{," and ",}" fail below.
                _pos++;
                _depth--;
                member = -1;
                name = default;
                return false;
            }

            if (previous >= 0)
            {
                if (c != (byte)',')
                {
                    Bail();
                }

                _pos++;
                c = Peek();
            }

            if (c != (byte)'"')
            {
                Bail();
            }

            var slot = table.Offset + previous + 1;
            var predicted = _order[slot] - 1;
            if (predicted >= 0)
            {
                var length = table.Match(_json, _pos, predicted);
                if (length != 0)
                {
                    name = table.Name(predicted);
                    _pos += length;
                    member = previous = predicted;
                    return true;
                }
            }

            name = ScanString(out var escaped);
            if (escaped)
            {
                // The exact reader decodes escaped names; so few files have them that this reader does not.
                Bail();
            }

            if (Peek() != (byte)':')
            {
                Bail();
            }

            _pos++;
            member = table.Find(name);
            _order[slot] = (byte)(member + 1);
            previous = member >= 0 ? member : table.Count;
            return true;
        }

        // Moves to the next element; false at the array's end (consumed).
        private bool NextElement(ref bool first)
        {
            var c = Peek();
            if (c == (byte)']')
            {
                _pos++;
                _depth--;
                return false;
            }

            if (!first)
            {
                if (c != (byte)',')
                {
                    Bail();
                }

                _pos++;
                if (Peek() == (byte)']')
                {
                    // A trailing comma.
                    Bail();
                }
            }

            first = false;
            return true;
        }

        // Validates and skips one value, as the exact reader's Skip does: strings, numbers, literals, nesting. One loop
        // for the whole value, the open containers kept as bits (1 for an object), at most 64 of them below the value
        // (deeper nesting is left to the exact reader).
        private void SkipValue()
        {
            var c = Peek();
            ulong objects = 0;
            var level = 0;
            while (true)
            {
                // At a value, c its first byte.
                if (c == (byte)'{' || c == (byte)'[')
                {
                    // The exact reader refuses a container that would exceed its limit.
                    if (_depth >= _maxDepth || level == 64)
                    {
                        Bail();
                    }

                    _pos++;
                    _depth++;
                    var isObject = c == (byte)'{';
                    c = Peek();
                    if (c == (isObject ? (byte)'}' : (byte)']'))
                    {
                        _pos++;
                        _depth--;
                    }
                    else
                    {
                        objects = (objects << 1) | (isObject ? 1UL : 0);
                        level++;
                        c = isObject ? SkipName(c) : c;
                        continue;
                    }
                }
                else
                {
                    SkipScalar(c);
                }

                // After a value: a comma and the next one, or the end of one or more containers.
                while (true)
                {
                    if (level == 0)
                    {
                        return;
                    }

                    c = Peek();
                    var inObject = (objects & 1) != 0;
                    if (c == (byte)',')
                    {
                        _pos++;
                        c = Peek();
                        if (inObject)
                        {
                            c = SkipName(c);
                        }
                        else if (c == (byte)']')
                        {
                            // A trailing comma.
                            Bail();
                        }

                        break;
                    }

                    if (c != (inObject ? (byte)'}' : (byte)']'))
                    {
                        Bail();
                    }

                    _pos++;
                    _depth--;
                    objects >>= 1;
                    level--;
                }
            }
        }

        // A member name of a skipped object (escaped or not: checked, not decoded) and its colon; the value's first byte.
        private byte SkipName(byte c)
        {
            if (c != (byte)'"')
            {
                Bail();
            }

            ScanString(out _);
            if (Peek() != (byte)':')
            {
                Bail();
            }

            _pos++;
            return Peek();
        }

        private void SkipScalar(byte c)
        {
            switch (c)
            {
                case (byte)'"':
                    ScanString(out _);
                    break;

                case (byte)'t':
                    Literal("true"u8);
                    break;

                case (byte)'f':
                    Literal("false"u8);
                    break;

                case (byte)'n':
                    ReadNull();
                    break;

                default:
                    if (!IsNumberStart(c))
                    {
                        Bail();
                    }

                    ScanNumber();
                    break;
            }
        }

        private void ReadNull() => Literal("null"u8);

        private void Literal(ReadOnlySpan<byte> literal)
        {
            if (!_json[_pos..].StartsWith(literal))
            {
                Bail();
            }

            _pos += literal.Length;
        }

        // A string token at _pos: its raw content (between the quotes), checked as the tokenizer checks it (escapes,
        // no raw control characters) and, stricter, as valid UTF-8. Names and labels are short: a byte loop with a table
        // finds their end sooner than a vector search's setup; a long run switches to the vector search.
        private ReadOnlySpan<byte> ScanString(out bool escaped)
        {
            var json = _json;
            var stops = StopBytes;
            var start = ++_pos;
            var i = start;
            uint seen = 0;
            escaped = false;
            while (true)
            {
                // Eight bytes at a time while none of them is a quote, a backslash, a control character or non-ASCII; a
                // non-ASCII byte is stepped over (the UTF-8 check below covers it), the others end the run.
                while (i <= json.Length - 8)
                {
                    var stop = StopMask(BinaryPrimitives.ReadUInt64LittleEndian(json[i..]));
                    if (stop == 0)
                    {
                        i += 8;
                        continue;
                    }

                    i += BitOperations.TrailingZeroCount(stop) >> 3;
                    if (json[i] < 0x80)
                    {
                        break;
                    }

                    seen |= 0x80;
                    i++;
                }

                var limit = Math.Min(json.Length, i + 24);
                while (i < limit && stops[json[i]] == 0)
                {
                    seen |= json[i];
                    i++;
                }

                if (i == limit)
                {
                    var stop = json[i..].IndexOfAny(StringStop);
                    if (stop < 0)
                    {
                        Bail();
                    }

                    // Not looked at byte by byte: the UTF-8 check below covers the whole content.
                    seen |= 0x80;
                    i += stop;
                }

                var c = json[i];
                if (c == (byte)'"')
                {
                    break;
                }

                if (c != (byte)'\\' || i + 1 >= json.Length)
                {
                    Bail();
                }

                escaped = true;
                switch (json[i + 1])
                {
                    case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                        i += 2;
                        break;

                    case (byte)'u':
                        // A surrogate pair counts as one escape; an unpaired surrogate is the exact reader's to report.
                        var length = JsonEscapes.UnicodeEscapeLength(json, i);
                        if (length == 0)
                        {
                            Bail();
                        }

                        i += length;
                        break;

                    default:
                        Bail();
                        break;
                }
            }

            var content = json[start..i];
            if ((seen & 0x80) != 0 && !Utf8.IsValid(content))
            {
                Bail();
            }

            _pos = i + 1;
            return content;
        }

        // The high bit of every byte of a little-endian word that is '"', '\\', below 0x20 or at least 0x80. The lowest
        // flagged byte is always one of them (the subtractions borrow only out of a flagged byte); bytes above it may be
        // flagged falsely, which the caller never looks at.
        private static ulong StopMask(ulong word)
        {
            const ulong Ones = 0x0101010101010101UL, High = 0x8080808080808080UL;
            var quote = word ^ (Ones * '"');
            var backslash = word ^ (Ones * '\\');
            return (((quote - Ones) & ~quote) | ((backslash - Ones) & ~backslash) | (word - (Ones * 0x20)) | word) & High;
        }

        private static void Once(ref ulong seen, ulong bit)
        {
            // A repeated member: the exact reader's last-one-wins is not worth reproducing here.
            if ((seen & bit) != 0)
            {
                Bail();
            }

            seen |= bit;
        }

        private static bool Seen(ref ulong seen, ulong bit)
        {
            if ((seen & bit) != 0)
            {
                return false;
            }

            seen |= bit;
            return true;
        }
    }
}
