using System.Text.Json;
using LabelStudio.MlBackend.Training;

namespace LabelStudio.MlBackend.Tests;

public class TrainingQueueTests
{
    private static TrainingEvent Event(string project, string action = "ANNOTATION_CREATED", int n = 0) =>
        new(action, project, JsonDocument.Parse($$"""{"n": {{n}}}""").RootElement.Clone(), DateTimeOffset.UnixEpoch);

    private static async Task<List<TrainingBatch>> DrainAsync(TrainingQueue queue)
    {
        queue.Complete();
        var batches = new List<TrainingBatch>();
        await foreach (var batch in queue.ReadAllAsync())
        {
            batches.Add(batch);
        }

        return batches;
    }

    [Test]
    public async Task TryEnqueue_BurstForOneProject_CoalescesIntoOneBatch()
    {
        var queue = new TrainingQueue(maxProjects: 4, maxEventsPerBatch: 100);

        for (var i = 0; i < 50; i++)
        {
            queue.TryEnqueue(Event("1", n: i)).Should().BeTrue();
        }

        var batches = await DrainAsync(queue);
        batches.Should().ContainSingle();
        batches[0].ProjectId.Should().Be("1");
        batches[0].Events.Select(e => e.Payload.GetProperty("n").GetInt32()).Should().Equal(Enumerable.Range(0, 50));
        batches[0].CoalescedEvents.Should().Be(0);
    }

    [Test]
    public async Task TryEnqueue_MoreEventsThanBatchKeeps_KeepsNewestAndCountsTheRest()
    {
        var queue = new TrainingQueue(maxProjects: 4, maxEventsPerBatch: 3);

        for (var i = 0; i < 10; i++)
        {
            queue.TryEnqueue(Event("1", n: i));
        }

        var batch = (await DrainAsync(queue)).Single();
        batch.Events.Select(e => e.Payload.GetProperty("n").GetInt32()).Should().Equal(7, 8, 9);
        batch.CoalescedEvents.Should().Be(7);
    }

    [Test]
    public async Task TryEnqueue_SeveralProjects_BatchesInFirstQueuedOrder()
    {
        var queue = new TrainingQueue(maxProjects: 4, maxEventsPerBatch: 10);

        queue.TryEnqueue(Event("2"));
        queue.TryEnqueue(Event("1"));
        queue.TryEnqueue(Event("2"));
        queue.TryEnqueue(Event("3"));

        var batches = await DrainAsync(queue);
        batches.Select(b => b.ProjectId).Should().Equal("2", "1", "3");
        batches[0].Events.Should().HaveCount(2);
    }

    [Test]
    public void TryEnqueue_QueueFullOfOtherProjects_RefusesNewProjectButJoinsWaitingOne()
    {
        var queue = new TrainingQueue(maxProjects: 2, maxEventsPerBatch: 10);
        queue.TryEnqueue(Event("1")).Should().BeTrue();
        queue.TryEnqueue(Event("2")).Should().BeTrue();

        queue.TryEnqueue(Event("3")).Should().BeFalse("two projects already wait and the queue holds two");
        queue.TryEnqueue(Event("1")).Should().BeTrue("an event for a waiting project joins its batch");
        queue.PendingProjects.Should().Be(2);
    }

    [Test]
    public async Task ReadAllAsync_EventArrivingAfterBatchWasTaken_StartsNextBatch()
    {
        var queue = new TrainingQueue(maxProjects: 4, maxEventsPerBatch: 10);
        queue.TryEnqueue(Event("1", n: 1));
        var seen = new List<TrainingBatch>();

        await foreach (var batch in queue.ReadAllAsync())
        {
            seen.Add(batch);
            if (seen.Count == 1)
            {
                // While the first run "trains", another event for the same project arrives.
                queue.TryEnqueue(Event("1", n: 2)).Should().BeTrue();
                queue.Complete();
            }
        }

        seen.Select(b => b.Events.Single().Payload.GetProperty("n").GetInt32()).Should().Equal(1, 2);
    }

    [Test]
    public void TryEnqueue_AfterComplete_Refused()
    {
        var queue = new TrainingQueue(maxProjects: 4, maxEventsPerBatch: 10);
        queue.Complete();

        queue.TryEnqueue(Event("1")).Should().BeFalse();
    }
}
