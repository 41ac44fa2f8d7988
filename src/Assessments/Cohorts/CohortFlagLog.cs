using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Assessments.Trends;

namespace Assessments.Cohorts;

/// <summary>
/// Every flag of a cohort, kept compactly: 24 bytes a flag in chunked arrays holding no reference (the time as UTC
/// ticks and offset, indexes into tables of distinct flags, course ids and instrument ids), not three objects a flag.
/// A million flag-heavy courses hold about ten million flags: kept as objects they took 2.8 GB (measured). Append-only
/// once a report order is given out: an index then always names the same flag, so a report's order stays valid while
/// the state grows (<see cref="SortRun"/>, which lays a worker's fresh log out again, is refused after that).
/// </summary>
internal sealed class CohortFlagLog : IReadOnlyList<CohortFlag>
{
    // Chunks of 65,536 entries (1.5 MB): the list grows without copying or doubling what it holds.
    private const int ChunkBits = 16;
    private const int ChunkSize = 1 << ChunkBits;
    private List<Entry[]> _chunks = [];
    private int _count;
    private readonly List<string> _courses = [];
    private readonly List<string?> _instruments = [];
    private readonly Dictionary<string, int> _instrumentIndex = new(StringComparer.Ordinal);
    private readonly List<string> _positions = [];
    private readonly List<SafetyFlag> _flags = [];
    private readonly Dictionary<SafetyFlag, int> _flagIndex = [];
    private SafetyFlag? _lastFlag;
    private int _lastFlagIndex;

    // Runs already in report order (a worker sorts its own flags when it finishes, so both cores sort), covering the
    // whole log one after another; null when some flag is in none (the report then sorts everything).
    private List<int[]>? _runs;

    // Set once a report order has been given out: the log may no longer be laid out again (see SortRun).
    private bool _ordered;

    // While a state file is read (its flags in time order, a course's flags apart): one slot per course id, not per flag.
    private Dictionary<string, int>? _slotByCourse;

    /// <summary>Gives every flag of one course id one slot while <paramref name="read"/> adds flags that are not grouped
    /// by course (a state file's), as adding a course's flags one after another does.</summary>
    public void AddUngrouped(Action read)
    {
        _slotByCourse = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            read();
        }
        finally
        {
            _slotByCourse = null;
        }
    }

    // No references in an entry: the log is copied, laid out again and scanned by the collector as plain memory.
    private struct Entry
    {
        public long UtcTicks;
        public int Flag; // into the table of distinct flags
        public int Course;
        public int Position; // -1: dated
        public short OffsetMinutes;
        public short Instrument; // -1: none
    }

    public int Count => _count;

    public CohortFlag this[int index]
    {
        get
        {
            Fields f = Get(index);
            return new CohortFlag(f.CourseId, f.InstrumentId, new DatedFlag(f.At, f.Flag, f.InstrumentId, f.Position));
        }
    }

    /// <summary>One flag's fields, without making objects (the writers read these).</summary>
    public Fields Get(int index)
    {
        if ((uint)index >= (uint)_count)
            throw new ArgumentOutOfRangeException(nameof(index));
        ref Entry e = ref At(index);
        var offset = TimeSpan.FromMinutes(e.OffsetMinutes);
        return new Fields(_courses[e.Course], e.Instrument < 0 ? null : _instruments[e.Instrument],
            new DateTimeOffset(e.UtcTicks + offset.Ticks, offset), e.Position < 0 ? null : _positions[e.Position], _flags[e.Flag], e.Course);
    }

    /// <summary>How many course slots the log holds (a course's flags share one slot; <see cref="Fields.CourseSlot"/>).</summary>
    public int CourseSlots => _courses.Count;

    /// <summary>A flag's fields: its course, instrument, time (<see cref="DateTimeOffset.MinValue"/> when undated, with
    /// the position), the flag, and the slot of its course id (flags of one course in a row share it).</summary>
    internal readonly record struct Fields(string CourseId, string? InstrumentId, DateTimeOffset At, string? Position, SafetyFlag Flag, int CourseSlot);

    /// <summary>Adds a flag of a course; consecutive flags of one course share its id.</summary>
    public void Add(string courseId, string? instrumentId, DatedFlag flag)
    {
        int course = _courses.Count - 1;
        if (_courses.Count == 0 || !ReferenceEquals(_courses[^1], courseId) && _courses[^1] != courseId)
        {
            if (_slotByCourse is null || !_slotByCourse.TryGetValue(courseId, out course))
            {
                _courses.Add(courseId);
                course = _courses.Count - 1;
                _slotByCourse?.Add(courseId, course);
            }
        }

        _runs = null;
        DateTimeOffset at = flag.At;
        Append(new Entry
        {
            UtcTicks = at.UtcTicks,
            OffsetMinutes = (short)at.TotalOffsetMinutes,
            Flag = FlagIndex(flag.Flag),
            Course = course,
            Instrument = InstrumentIndex(instrumentId),
            Position = flag.Position is string p ? AddPosition(p) : -1,
        });
    }

    /// <summary>Appends another log's flags, in its order.</summary>
    public void AddRange(CohortFlagLog other)
    {
        if (ReferenceEquals(other, this))
            throw new ArgumentException("A flag list cannot be appended to itself.", nameof(other));
        int entryBase = _count, courseBase = _courses.Count, positionBase = _positions.Count;
        if ((_runs is not null || _count == 0) && (other._runs is not null || other._count == 0))
        {
            _runs ??= [];
            foreach (int[] run in other._runs ?? [])
            {
                int[] shifted = new int[run.Length];
                for (int i = 0; i < run.Length; i++)
                    shifted[i] = run[i] + entryBase;
                _runs.Add(shifted);
            }
        }
        else
        {
            _runs = null;
        }

        _courses.AddRange(other._courses);
        _positions.AddRange(other._positions);
        Span<short> instruments = other._instruments.Count <= 256 ? stackalloc short[other._instruments.Count] : new short[other._instruments.Count];
        for (int i = 0; i < instruments.Length; i++)
            instruments[i] = InstrumentIndex(other._instruments[i]);
        int[] flags = new int[other._flags.Count];
        for (int i = 0; i < flags.Length; i++)
            flags[i] = FlagIndex(other._flags[i]);
        for (int i = 0; i < other._count; i++)
        {
            Entry e = other.At(i);
            e.Course += courseBase;
            e.Instrument = e.Instrument < 0 ? (short)-1 : instruments[e.Instrument];
            e.Flag = flags[e.Flag];
            e.Position = e.Position < 0 ? -1 : e.Position + positionBase;
            Append(e);
        }
    }

    /// <summary>The indexes of the flags in report order: time, course id, instrument, item, flag id, then value,
    /// priority, risk level, position and the time's offset, so that any split of the courses gives one order. Both
    /// cores sort half each.</summary>
    public int[] ReportOrder()
    {
        _ordered = true;
        if (_runs is not null)
            return MergeRuns();
        return SortAll(parallel: true);
    }

    /// <summary>Lays the whole log out again in report order, as one run (a worker's last step, on its own core): the
    /// report's merge and its writer then read the flags in sequence, not at random (a million flags read at random
    /// cost a cache miss each). Only for a log no report order has been given out for: its indexes change.</summary>
    public void SortRun()
    {
        if (_ordered)
            throw new InvalidOperationException("A flag log whose report order was given out cannot be laid out again.");
        if (_count == 0)
        {
            _runs = [];
            return;
        }

        int[] order = SortAll(parallel: false);
        var chunks = new List<Entry[]>(_chunks.Count);
        for (int k = 0; k < order.Length; k++)
        {
            int slot = k & (ChunkSize - 1);
            if (slot == 0)
                chunks.Add(new Entry[Math.Min(ChunkSize, order.Length - k)]);
            chunks[^1][slot] = At(order[k]);
        }

        _chunks = chunks;
        for (int k = 0; k < order.Length; k++)
            order[k] = k; // the run, now in place
        _runs = [order];
    }

    private int[] MergeRuns()
    {
        var comparer = new OrderComparer(this);
        List<int[]> runs = [.. _runs!.Where(r => r.Length > 0)];
        if (runs.Count == 0)
            return [];
        while (runs.Count > 1)
        {
            var next = new List<int[]>();
            for (int r = 0; r + 1 < runs.Count; r += 2)
                next.Add(Merge(runs[r], runs[r + 1], comparer));
            if (runs.Count % 2 == 1)
                next.Add(runs[^1]);
            runs = next;
        }

        return runs[0];
    }

    private int[] Merge(int[] x, int[] y, OrderComparer comparer)
    {
        int[] merged = new int[x.Length + y.Length];
        int a = 0, b = 0, k = 0;
        while (a < x.Length && b < y.Length)
            merged[k++] = comparer.Compare((At(y[b]).UtcTicks, y[b]), (At(x[a]).UtcTicks, x[a])) < 0 ? y[b++] : x[a++];
        while (a < x.Length)
            merged[k++] = x[a++];
        while (b < y.Length)
            merged[k++] = y[b++];
        return merged;
    }

    private int[] SortAll(bool parallel)
    {
        // The course id, the usual tie-break (flags of one visit share an instant), is compared as a rank: the ids are
        // sorted once, not compared as strings at every step of the sort.
        int[] rank = CourseRanks();
        var keys = new SortKey[_count];
        for (int i = 0; i < keys.Length; i++)
        {
            ref Entry e = ref At(i);
            keys[i] = new SortKey(e.UtcTicks, rank[e.Course], i);
        }

        var comparer = new KeyComparer(this);
        int[] order = new int[keys.Length];
        if (!parallel || keys.Length < 4096)
        {
            Array.Sort(keys, comparer);
            for (int i = 0; i < order.Length; i++)
                order[i] = keys[i].Index;
            return order;
        }

        // Each core sorts half; the halves merge straight into the order (no second copy of the keys).
        int half = keys.Length / 2;
        Parallel.Invoke(() => Array.Sort(keys, 0, half, comparer), () => Array.Sort(keys, half, keys.Length - half, comparer));
        int a = 0, b = half, k = 0;
        while (a < half && b < keys.Length)
            order[k++] = comparer.Compare(keys[b], keys[a]) < 0 ? keys[b++].Index : keys[a++].Index;
        while (a < half)
            order[k++] = keys[a++].Index;
        while (b < keys.Length)
            order[k++] = keys[b++].Index;
        return order;
    }

    /// <summary>Each course slot's rank among the ids of this log in ordinal order (equal ids, equal ranks).</summary>
    private int[] CourseRanks()
    {
        int[] slots = new int[_courses.Count];
        for (int i = 0; i < slots.Length; i++)
            slots[i] = i;
        Array.Sort(slots, (x, y) => string.CompareOrdinal(_courses[x], _courses[y]));
        int[] rank = new int[slots.Length];
        for (int k = 0, r = 0; k < slots.Length; k++)
        {
            r += k > 0 && !string.Equals(_courses[slots[k]], _courses[slots[k - 1]], StringComparison.Ordinal) ? 1 : 0;
            rank[slots[k]] = r;
        }

        return rank;
    }

    private readonly record struct SortKey(long Ticks, int CourseRank, int Index);

    /// <summary>Report order over sort keys: time, course rank, then the rest as <see cref="OrderComparer"/> has it.</summary>
    private sealed class KeyComparer(CohortFlagLog log) : IComparer<SortKey>
    {
        public int Compare(SortKey x, SortKey y)
        {
            int c = x.Ticks.CompareTo(y.Ticks);
            if (c == 0)
                c = x.CourseRank.CompareTo(y.CourseRank);
            return c != 0 || x.Index == y.Index ? c : OrderComparer.AfterCourse(log, ref log.At(x.Index), ref log.At(y.Index));
        }
    }

    private sealed class OrderComparer(CohortFlagLog log) : IComparer<(long Ticks, int Index)>
    {
        public int Compare((long Ticks, int Index) x, (long Ticks, int Index) y)
        {
            int c = x.Ticks.CompareTo(y.Ticks);
            if (c != 0 || x.Index == y.Index)
                return c;
            ref Entry a = ref log.At(x.Index);
            ref Entry b = ref log.At(y.Index);
            if (a.Course != b.Course || !ReferenceEquals(log._courses[a.Course], log._courses[b.Course]))
            {
                c = string.CompareOrdinal(log._courses[a.Course], log._courses[b.Course]);
                if (c != 0)
                    return c;
            }

            return AfterCourse(log, ref a, ref b);
        }

        /// <summary>Instrument, item, flag id, value, priority, risk level, position.</summary>
        internal static int AfterCourse(CohortFlagLog log, ref Entry a, ref Entry b)
        {
            int c = a.Instrument == b.Instrument ? 0 : string.CompareOrdinal(a.Instrument < 0 ? null : log._instruments[a.Instrument], b.Instrument < 0 ? null : log._instruments[b.Instrument]);
            if (c != 0)
                return c;
            if (a.Flag == b.Flag)
                return ComparePositions(log, a, b);
            SafetyFlag f = log._flags[a.Flag], g = log._flags[b.Flag];
            c = Nullable.Compare(f.ItemNumber, g.ItemNumber);
            if (c == 0)
                c = string.CompareOrdinal(f.Id, g.Id);
            if (c == 0)
                c = Nullable.Compare(f.Value, g.Value);
            if (c == 0)
                c = Nullable.Compare(f.Priority, g.Priority);
            if (c == 0)
                c = Nullable.Compare(f.RiskLevel, g.RiskLevel);
            return c != 0 ? c : ComparePositions(log, a, b);
        }

        /// <summary>Position, then the offset the time was stated in (the same instant at two offsets: one order whatever
        /// the split of the courses).</summary>
        private static int ComparePositions(CohortFlagLog log, in Entry a, in Entry b)
        {
            int c = a.Position == b.Position ? 0 : string.CompareOrdinal(a.Position < 0 ? null : log._positions[a.Position], b.Position < 0 ? null : log._positions[b.Position]);
            return c != 0 ? c : a.OffsetMinutes.CompareTo(b.OffsetMinutes);
        }

    }

    private ref Entry At(int index) => ref _chunks[index >> ChunkBits][index & (ChunkSize - 1)];

    private void Append(in Entry entry)
    {
        int slot = _count & (ChunkSize - 1);
        if (slot == 0)
            _chunks.Add(new Entry[_chunks.Count == 0 ? 64 : ChunkSize]);
        else if (slot == _chunks[^1].Length)
        {
            // The first chunk starts small (most cohorts hold few flags), and the last one laid out by SortRun holds
            // only what it was given: either grows to a full chunk.
            Entry[] last = _chunks[^1];
            Array.Resize(ref last, Math.Min(ChunkSize, Math.Max(64, last.Length * 4)));
            _chunks[^1] = last;
        }

        _chunks[^1][slot] = entry;
        _count++;
    }

    /// <summary>A flag's place in the table of distinct flags (equal flags share one).</summary>
    private int FlagIndex(SafetyFlag flag)
    {
        if (ReferenceEquals(flag, _lastFlag))
            return _lastFlagIndex; // flags of a course and of a kind repeat: most are the same object as the last
        if (!_flagIndex.TryGetValue(flag, out int index))
        {
            _flagIndex[flag] = index = _flags.Count;
            _flags.Add(flag);
        }

        _lastFlag = flag;
        _lastFlagIndex = index;
        return index;
    }

    private short InstrumentIndex(string? instrumentId)
    {
        if (instrumentId is null)
            return -1;
        if (!_instrumentIndex.TryGetValue(instrumentId, out int index))
        {
            if (_instruments.Count == short.MaxValue)
                throw new InvalidOperationException("A cohort's flags name at most 32,767 instruments.");
            _instrumentIndex[instrumentId] = index = _instruments.Count;
            _instruments.Add(instrumentId);
        }

        return (short)index;
    }

    private int AddPosition(string position)
    {
        _positions.Add(position);
        return _positions.Count - 1;
    }

    public IEnumerator<CohortFlag> GetEnumerator()
    {
        for (int i = 0; i < _count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The flags in a given order (a report's view); nothing is copied but the order.</summary>
    internal sealed class OrderedView(CohortFlagLog log, int[] order) : IReadOnlyList<CohortFlag>
    {
        public CohortFlagLog Log => log;

        public int[] Order => order;

        public int Count => order.Length;

        public CohortFlag this[int index] => log[order[index]];

        public IEnumerator<CohortFlag> GetEnumerator()
        {
            foreach (int i in order)
                yield return log[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
