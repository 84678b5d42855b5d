package org.blendedtherapy.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka in and out, with {@code --kafka-bootstrap}: enrolments on topic {@code blended.enrolments}
 * (the value is the enrolment document), events on {@code blended.events} (the key is the client
 * reference, the value one event line); reminders, rejected events and risk flags to {@code
 * blended.reminders}, {@code blended.rejected} and {@code blended.risk} through Kafka transactions
 * (exactly once, committed with each checkpoint; consumers read with {@code
 * isolation.level=read_committed}).
 */
final class KafkaIo {
  static final String ENROLMENTS = "blended.enrolments";
  static final String EVENTS = "blended.events";

  private KafkaIo() {}

  static DataStream<InputRecord> source(
      StreamExecutionEnvironment env, String bootstrap, JobSettings settings) {
    KafkaSource<InputRecord> source =
        KafkaSource.<InputRecord>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(ENROLMENTS, EVENTS)
            .setGroupId("blended-flink")
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setDeserializer(new Records())
            .build();
    return env.fromSource(source, BlendedJob.watermarks(settings), "kafka").uid("kafka-input");
  }

  static void sinks(BlendedJob.Outputs outputs, String bootstrap) {
    sink(outputs.reminders(), bootstrap, "blended.reminders");
    sink(outputs.rejected(), bootstrap, "blended.rejected");
    sink(outputs.risk(), bootstrap, "blended.risk");
  }

  private static void sink(DataStream<String> lines, String bootstrap, String topic) {
    KafkaSink<String> sink =
        KafkaSink.<String>builder()
            .setBootstrapServers(bootstrap)
            .setRecordSerializer(
                KafkaRecordSerializationSchema.builder()
                    .setTopic(topic)
                    .setValueSerializationSchema(new SimpleStringSchema())
                    .build())
            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
            .setTransactionalIdPrefix("blended-" + topic)
            .build();
    lines.sinkTo(sink).uid(topic + "-kafka").name(topic);
  }

  /** Kafka records as inputs: a bad record becomes an invalid input, never a failure. */
  private static final class Records implements KafkaRecordDeserializationSchema<InputRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InputRecord> out) {
      byte[] value = record.value() == null ? new byte[0] : record.value();
      String source = record.topic() + "@" + record.partition();
      if (record.topic().equals(ENROLMENTS)) {
        out.collect(InputRecord.enrolment(value, source));
      } else if (record.key() == null) {
        out.collect(
            InputRecord.invalid("", "an event without a client key", source, record.offset()));
      } else {
        String client = new String(record.key(), StandardCharsets.UTF_8);
        out.collect(InputRecord.event(client, value, source, record.offset()));
      }
    }

    @Override
    public TypeInformation<InputRecord> getProducedType() {
      return TypeInformation.of(InputRecord.class);
    }
  }
}
