// Package bus is Mosaic's NATS JetStream layer: the embedded server, and every stream,
// subject and consumer the services use, declared in one place (topology.go) so the
// wiring can be read without opening each service.
//
// The flow, with the stream that carries each step:
//
//	platform --(INTAKE: mosaic.intake.posts)--> gateway --validates-->
//	gateway --(POSTS: mosaic.posts.<p>.submitted)--> linker --extracts, links, assesses-->
//	linker --(ASSESSMENTS: mosaic.assessments.<p>)--> holder --decides-->
//	holder --(POSTS: mosaic.posts.<p>.outcome)--> linker (ledger: published or not)
//	holder --(DECISIONS: mosaic.decisions.<forum>)--> gateway, platform
//	holder --(NOTICES: mosaic.notices.<author>)--> posters
//	gateway --(request: mosaic.holder.commands)--> holder (withdraw, delete)
//	any worker --(DEADLETTER: mosaic.deadletter.<stream>)--> holder --holds the post-->
//
// <p> is the author's partition (Partition): every message about one author's posts
// travels on one partition subject, so a linker instance that owns the partition sees
// an author's submissions and outcomes in order, and linker instances scale out by
// dividing partitions between them.
//
// Every message is a protobuf from proto/mosaic/v1 and carries a Nats-Msg-Id, so a
// retried publish within the stream's duplicate window is stored once; consumers are
// durable pull consumers with explicit acks, and handlers are idempotent, so a
// redelivery after a crash changes nothing. A message a worker cannot process (poison,
// or failing DeadLetterAfter times) is moved to the dead-letter stream with the reason,
// so it never stops the messages behind it (worker.go, deadletter.go).
package bus
