package extract
import ("testing";"os")
func TestDbg(t *testing.T){ ex:=newTestExtractor(t); txt:=os.Getenv("TXT"); t.Log("\n"+dump(txt, ex.Extract(txt, testCtx))) }
