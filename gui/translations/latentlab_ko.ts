<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
    <context>
        <name>ActivationWidget</name>
        <message>
            <location filename="../layers/activation_views.py" line="97" />
            <source>mean {0}  std {1}  min {2}  max {3}  dead {4}%</source>
            <extracomment>The input's own pixels (an input layer, or a Flatten/Reshape right after the input): a colour image's are shown in its colours.</extracomment>
            <translation>평균 {0}  표준편차 {1}  최솟값 {2}  최댓값 {3}  죽은 유닛 {4}%</translation>
        </message>
    </context>
    <context>
        <name>AppState</name>
        <message>
            <location filename="../app_state.py" line="267" />
            <source>Could not list runs: {0}</source>
            <translation>실행 목록을 읽지 못했습니다: {0}</translation>
        </message>
        <message>
            <location filename="../app_state.py" line="344" />
            <source>Unknown error</source>
            <translation>알 수 없는 오류</translation>
        </message>
    </context>
    <context>
        <name>AttributionPanel</name>
        <message>
            <location filename="../layers/attribution_panel.py" line="68" />
            <source>Open a classifier to see which input pixels its decision rests on.</source>
            <translation>분류 모델을 열면 그 판단이 입력의 어느 픽셀에 근거하는지 볼 수 있습니다.</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="104" />
            <source>Saliency |∂score/∂x|</source>
            <translation>돌출 맵(saliency) |∂score/∂x|</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="104" />
            <source>Gradient × input</source>
            <translation>기울기 × 입력</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="105" />
            <source>SmoothGrad</source>
            <translation>SmoothGrad</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="105" />
            <source>Grad-CAM</source>
            <translation>Grad-CAM</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="109" />
            <source>Method:</source>
            <translation>방법:</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="110" />
            <source>Class:</source>
            <translation>클래스:</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="111" />
            <source>Grad-CAM layer:</source>
            <translation>Grad-CAM 층:</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="112" />
            <source>Export PNG…</source>
            <translation>PNG로 내보내기…</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="116" />
            <location filename="../layers/attribution_panel.py" line="262" />
            <source>Predicted class</source>
            <translation>예측된 클래스</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="117" />
            <source>The map appears here.</source>
            <translation>여기에 맵이 나타납니다.</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="156" />
            <source>Looking at the model…</source>
            <translation>모델을 살펴보는 중…</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="197" />
            <source>Error: {0}</source>
            <translation>오류: {0}</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="209" />
            <source>Cannot compute the map: {0}</source>
            <translation>맵을 계산할 수 없습니다: {0}</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="213" />
            <source>Choose an image (dataset or drawing) to explain.</source>
            <translation>설명할 이미지(데이터셋 또는 그림)를 고르세요.</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="222" />
            <source>{0} — zero everywhere: nothing here adds evidence for this class.</source>
            <translation>{0} — 모든 곳이 0입니다: 여기에는 이 클래스의 근거를 더하는 곳이 없습니다.</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="228" />
            <source>{0} at layer {1} for class {2} (predicted: {3})</source>
            <translation>{1} 층의 {0}, 클래스 {2} (예측: {3})</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="230" />
            <source>{0} for class {1} (predicted: {2})</source>
            <translation>{0}, 클래스 {1} (예측: {2})</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="248" />
            <source>Attribution maps need a classifier; this model takes a latent vector (a decoder or generator).</source>
            <translation>기여도 맵에는 분류 모델이 필요합니다. 이 모델은 잠재 벡터를 입력으로 받습니다(디코더 또는 생성자 (generator)).</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="251" />
            <source>Attribution maps need a classifier; this is the run's {0}.</source>
            <translation>기여도 맵에는 분류 모델이 필요합니다. 이 모델은 이 실행의 {0}입니다.</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="252" />
            <source>Attribution maps need a classifier (an image in, class scores out); this model maps {0}.</source>
            <translation>기여도 맵에는 분류 모델(이미지를 받아 클래스 점수를 내는 모델)이 필요합니다. 이 모델의 입출력은 {0}입니다.</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="272" />
            <source>This model has no layer with a spatial output.</source>
            <translation>이 모델에는 공간 출력을 내는 층이 없습니다.</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="301" />
            <source>Export attribution map</source>
            <translation>기여도 맵 내보내기</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="302" />
            <source>PNG images (*.png)</source>
            <translation>PNG 이미지 (*.png)</translation>
        </message>
        <message>
            <location filename="../layers/attribution_panel.py" line="306" />
            <source>Could not write {0}</source>
            <translation>{0}에 쓸 수 없습니다</translation>
        </message>
    </context>
    <context>
        <name>ClassHistogramWidget</name>
        <message>
            <location filename="../gan/quality_view.py" line="38" />
            <source>Fraction of samples the scorer assigns to each digit class</source>
            <translation>채점 분류 모델이 각 숫자 클래스로 판정한 샘플의 비율</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="63" />
            <source>Class histogram</source>
            <translation>클래스 히스토그램</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="67" />
            <source>no samples scored yet</source>
            <translation>아직 채점한 샘플이 없습니다</translation>
        </message>
    </context>
    <context>
        <name>CompareButton</name>
        <message>
            <location filename="../training/compare_button.py" line="39" />
            <source>Compare…</source>
            <translation>비교…</translation>
        </message>
        <message>
            <location filename="../training/compare_button.py" line="56" />
            <source>Overlay the selected runs' curves and compare their settings.</source>
            <translation>선택한 실행들의 곡선을 겹쳐 그리고 설정을 비교합니다.</translation>
        </message>
        <message>
            <location filename="../training/compare_button.py" line="57" />
            <source>Select two or more runs (Ctrl/Shift-click) to compare them.</source>
            <translation>비교하려면 실행을 두 개 이상 선택하세요(Ctrl/Shift-클릭).</translation>
        </message>
        <message>
            <location filename="../training/compare_button.py" line="81" />
            <source>Compare selected runs…</source>
            <translation>선택한 실행 비교…</translation>
        </message>
    </context>
    <context>
        <name>CompareRunsDialog</name>
        <message>
            <location filename="../training/compare.py" line="152" />
            <source>Compare runs</source>
            <extracomment>The background of a setting that differs between the compared runs.</extracomment>
            <translation>실행 비교</translation>
        </message>
        <message>
            <location filename="../training/compare.py" line="153" />
            <source>Settings that differ are highlighted; metrics are the last epoch's values.</source>
            <translation>서로 다른 설정은 강조 표시됩니다. 지표는 마지막 에포크의 값입니다.</translation>
        </message>
        <message>
            <location filename="../training/compare.py" line="160" />
            <source>final {0}</source>
            <translation>최종 {0}</translation>
        </message>
    </context>
    <context>
        <name>CvaePanel</name>
        <message>
            <location filename="../latent/cvae_panel.py" line="119" />
            <source>CVAE run</source>
            <extracomment>Cells per side of the style plane, and its extent in each latent dimension (the prior's ±3σ).</extracomment>
            <translation>CVAE 실행</translation>
        </message>
        <message>
            <location filename="../latent/cvae_panel.py" line="120" />
            <source>Digit</source>
            <translation>숫자</translation>
        </message>
        <message>
            <location filename="../latent/cvae_panel.py" line="121" />
            <source>A conditional VAE is told the digit, so its latent keeps only the style. Left: the style plane for the chosen digit (click to pick a style). Right: every digit in that style.</source>
            <translation>조건부 VAE는 숫자를 전달받으므로 잠재 공간에는 스타일만 남습니다. 왼쪽: 고른 숫자의 스타일 평면 (클릭해서 스타일 선택). 오른쪽: 그 스타일로 쓴 모든 숫자.</translation>
        </message>
        <message>
            <location filename="../latent/cvae_panel.py" line="124" />
            <source>Train a conditional VAE (kind cvae) to see p(x|y): one style, every digit.</source>
            <translation>p(x|y)를 보려면 조건부 VAE(종류 cvae)를 학습하세요: 한 가지 스타일, 모든 숫자.</translation>
        </message>
        <message>
            <location filename="../latent/cvae_panel.py" line="179" />
            <source>Could not decode: {0}</source>
            <translation>디코딩할 수 없습니다: {0}</translation>
        </message>
    </context>
    <context>
        <name>DatasetChoosing</name>
        <message>
            <location filename="../training/datasets.py" line="34" />
            <source>Loading {0}…</source>
            <translation>{0} 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../training/datasets.py" line="35" />
            <source>Loading the default dataset…</source>
            <translation>기본 데이터셋을 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../training/datasets.py" line="56" />
            <location filename="../training/datasets.py" line="59" />
            <location filename="../training/datasets.py" line="71" />
            <source>Dataset: {0}</source>
            <translation>데이터셋: {0}</translation>
        </message>
        <message>
            <location filename="../training/datasets.py" line="72" />
            <source>No dataset loaded</source>
            <translation>불러온 데이터셋 없음</translation>
        </message>
        <message>
            <location filename="../training/datasets.py" line="73" />
            <source>Cannot load the dataset</source>
            <translation>데이터셋을 불러올 수 없습니다</translation>
        </message>
    </context>
    <context>
        <name>DensityTab</name>
        <message>
            <location filename="../density/tab.py" line="115" />
            <source>Generative model (VAE/CVAE)</source>
            <translation>생성 모델 (VAE/CVAE)</translation>
        </message>
        <message>
            <location filename="../density/tab.py" line="116" />
            <location filename="../density/texts.py" line="45" />
            <source>Classifier</source>
            <translation>분류 모델</translation>
        </message>
        <message>
            <location filename="../density/tab.py" line="173" />
            <source>The run being trained appears here when it finishes.</source>
            <translation>학습 중인 실행은 학습이 끝나면 여기에 나타납니다.</translation>
        </message>
        <message>
            <location filename="../density/tab.py" line="175" />
            <source>Train a VAE or CVAE run to compare p(x) with p(y|x).</source>
            <translation>p(x)와 p(y|x)를 비교하려면 VAE 또는 CVAE를 학습하세요.</translation>
        </message>
        <message>
            <location filename="../density/tab.py" line="185" />
            <source>Loading…</source>
            <translation>불러오는 중…</translation>
        </message>
        <message>
            <location filename="../density/tab.py" line="202" />
            <source>Computing the held-out summary…</source>
            <translation>테스트 세트 요약을 계산하는 중…</translation>
        </message>
        <message>
            <location filename="../density/tab.py" line="288" />
            <source>Error: {0}</source>
            <translation>오류: {0}</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="13" />
            <source>A classifier estimates p(y|x) and must name a digit even for noise, while a generative model estimates p(x) and can say how unlike its training images an input is.</source>
            <translation>분류 모델은 p(y|x)를 추정하므로 잡음에도 반드시 어떤 숫자라고 답해야 하지만, 생성 모델은 p(x)를 학습하므로 입력이 훈련 이미지와 얼마나 다른지 말할 수 있습니다.</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="19" />
            <source>p(y|x): which digit?</source>
            <translation>p(y|x): 어떤 숫자인가?</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="19" />
            <source>log p(x): is this a digit?</source>
            <translation>log p(x): 숫자이기는 한가?</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="20" />
            <source>classifier</source>
            <translation>분류 모델</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="20" />
            <source>CVAE, Bayes' rule</source>
            <translation>CVAE, 베이즈 규칙</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="20" />
            <source>held-out images</source>
            <translation>테스트 이미지</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="21" />
            <source>this input</source>
            <translation>이 입력</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="21" />
            <source>log p(x) (nats)</source>
            <translation>log p(x) (내트)</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="21" />
            <source>class</source>
            <translation>클래스</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="26" />
            <source>Generative model: log p(x) = {0} nats ({1} bits/dim)</source>
            <translation>생성 모델: log p(x) = {0} 내트 (차원당 {1} 비트)</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="29" />
            <source>, higher than {0}% of held-out images</source>
            <translation>, 테스트 이미지의 {0}%보다 높음</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="38" />
            <source>{0}: {1} with p(y|x) = {2}</source>
            <translation>{0}: {1}, p(y|x) = {2}</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="44" />
            <source>Classifier: choose a classifier run to see p(y|x).</source>
            <translation>분류 모델: p(y|x)를 보려면 분류 모델 실행을 고르세요.</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="50" />
            <source>CVAE by Bayes' rule</source>
            <translation>베이즈 규칙으로 본 CVAE</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="55" />
            <source>Mean-image model (pixels independent, the training mean): log p(x) = {0} nats</source>
            <translation>평균 이미지 모델 (픽셀 독립, 훈련 평균): log p(x) = {0} 내트</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="63" />
            <source>uniform noise</source>
            <translation>균등 잡음</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="63" />
            <source>digits upside down</source>
            <translation>뒤집힌 숫자</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="68" />
            <source>Out of distribution, AUROC over {0} held-out images (1 = perfect, 0.5 = chance):</source>
            <translation>분포 밖 입력 탐지, 테스트 이미지 {0}개의 AUROC (1 = 완벽, 0.5 = 무작위):</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="73" />
            <source>vs {0}: log p(x) {1}</source>
            <translation>{0} 대비: log p(x) {1}</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="75" />
            <source> · classifier max p(y|x) {0}</source>
            <translation> · 분류 모델 최대 p(y|x) {0}</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="78" />
            <source>Accuracy on the same images: CVAE by Bayes' rule {0}</source>
            <translation>같은 이미지에서의 정확도: 베이즈 규칙 CVAE {0}</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="80" />
            <source> · MLP classifier {0}</source>
            <translation> · MLP 분류 모델 {0}</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="83" />
            <source>Classifier accuracy on the same images: {0}</source>
            <translation>같은 이미지에서 분류 모델의 정확도: {0}</translation>
        </message>
        <message>
            <location filename="../density/texts.py" line="91" />
            <source>The likelihood fails on {0}: they get a higher log p(x) than the held-out digits (AUROC {1} &lt; 0.5), as Nalisnick et al. (2019) found for some pairs of datasets.</source>
            <translation>가능도가 {0}에서 실패합니다: 테스트 숫자보다 높은 log p(x)를 받습니다 (AUROC {1} &lt; 0.5). Nalisnick 외(2019)가 일부 데이터셋 쌍에서 발견한 현상입니다.</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <location filename="../dialogs.py" line="23" />
            <source>Switch tabs</source>
            <translation>탭 전환</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="24" />
            <source>Next / previous tab</source>
            <translation>다음 / 이전 탭</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="25" />
            <source>Train (Training tab)</source>
            <translation>학습 (학습 탭)</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="26" />
            <source>Pause / resume while training (Tools menu)</source>
            <translation>학습 중 일시 정지 / 재개 (도구 메뉴)</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="27" />
            <source>Stop training (Tools menu)</source>
            <translation>학습 중지 (도구 메뉴)</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="28" />
            <source>Open run…</source>
            <translation>실행 열기…</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="29" />
            <source>Open model…</source>
            <translation>모델 열기…</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="30" />
            <source>Rescan the runs folder</source>
            <translation>실행 폴더 다시 읽기</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="31" />
            <source>Quit</source>
            <translation>종료</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="80" />
            <source>Open IDX folder</source>
            <translation>IDX 폴더 열기</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="88" />
            <source>Open image folder (one subfolder per class)</source>
            <translation>이미지 폴더 열기 (클래스마다 하위 폴더 하나)</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="95" />
            <source>Open .npz dataset</source>
            <translation>.npz 데이터셋 열기</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="97" />
            <source>NumPy archives</source>
            <translation>NumPy 아카이브</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="103" />
            <source>Open run</source>
            <translation>실행 열기</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="110" />
            <source>Open model</source>
            <translation>모델 열기</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="112" />
            <source>Keras models</source>
            <translation>Keras 모델</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="124" />
            <source>Train an MNIST classifier, an autoencoder, a VAE with a 2-D latent space and a GAN live; inspect layer outputs, walk the latent map and sample the generator.</source>
            <translation>MNIST 분류 모델, 오토 인코더, 2차원 잠재 공간을 가진 변이형 오토 인코더 (VAE), 적대적 생성 신경망 (GAN)을 실시간으로 학습하고, 함수형 API로 은닉층의 출력을 살펴보고, 잠재 공간 지도를 탐색하고, 생성자에서 샘플을 뽑아 봅니다.</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="128" />
            <source>The engine (TensorFlow) is still loading.</source>
            <translation>엔진(TensorFlow)을 아직 불러오는 중입니다.</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="134" />
            <source>About {0}</source>
            <translation>{0} 정보</translation>
        </message>
        <message>
            <location filename="../dialogs.py" line="145" />
            <source>Keyboard shortcuts</source>
            <translation>단축키</translation>
        </message>
    </context>
    <context>
        <name>DigitPanel</name>
        <message>
            <location filename="../latent/digit_panel.py" line="57" />
            <source>Use test image #</source>
            <translation>테스트 이미지 사용 #</translation>
        </message>
        <message>
            <location filename="../latent/digit_panel.py" line="58" />
            <source>Clear pad</source>
            <translation>패드 지우기</translation>
        </message>
        <message>
            <location filename="../latent/digit_panel.py" line="59" />
            <source>reconstruction</source>
            <translation>재구성</translation>
        </message>
        <message>
            <location filename="../latent/digit_panel.py" line="68" />
            <source>Draw a digit on the pad</source>
            <translation>패드에 숫자를 그려 보세요</translation>
        </message>
        <message>
            <location filename="../latent/digit_panel.py" line="145" />
            <source>lands at {0} on the map</source>
            <translation>지도의 {0} 위치에 놓입니다</translation>
        </message>
    </context>
    <context>
        <name>DrawingPadWidget</name>
        <message>
            <location filename="../widgets/drawing_pad.py" line="84" />
            <source>Draw with the left mouse button; right click clears</source>
            <translation>왼쪽 마우스 버튼으로 그리고, 오른쪽 클릭으로 지웁니다</translation>
        </message>
    </context>
    <context>
        <name>Engine</name>
        <message>
            <location filename="../engine.py" line="65" />
            <source>The engine could not be loaded</source>
            <translation>엔진을 불러올 수 없습니다</translation>
        </message>
    </context>
    <context>
        <name>FirstStepsHint</name>
        <message>
            <location filename="../training/first_steps.py" line="29" />
            <source>First step: choose a model kind and a dataset on the left, then press Train (you may press it while the engine loads). Curves and samples appear here as it learns; finished runs are listed under Past runs, and the other tabs open them.</source>
            <translation>첫걸음: 왼쪽에서 모델 종류와 데이터셋을 고른 뒤 '학습' 버튼을 누르세요 (엔진을 불러오는 중에 눌러도 됩니다). 학습하는 동안 곡선과 샘플이 여기에 나타나고, 끝난 실행은 '이전 실행'에 남아 다른 탭에서도 열 수 있습니다.</translation>
        </message>
    </context>
    <context>
        <name>GanGridWidget</name>
        <message>
            <location filename="../gan/grid.py" line="37" />
            <source>Click a sample to enlarge it; right-click (or Ctrl+click) to lock it when reseeding</source>
            <translation>샘플을 클릭하면 확대합니다. 오른쪽 클릭(또는 Ctrl+클릭)하면 다시 뽑을 때 그 샘플을 고정합니다</translation>
        </message>
        <message>
            <location filename="../gan/grid.py" line="48" />
            <source>Sampling…</source>
            <translation>샘플 생성 중…</translation>
        </message>
        <message>
            <location filename="../gan/grid.py" line="50" />
            <source>No generator saved yet: samples appear after the first epoch.</source>
            <translation>아직 저장된 생성자 (generator)가 없습니다. 첫 에포크가 끝나면 샘플이 나타납니다.</translation>
        </message>
        <message>
            <location filename="../gan/grid.py" line="51" />
            <source>Choose a GAN run to see samples.</source>
            <translation>샘플을 보려면 GAN 실행을 고르세요.</translation>
        </message>
    </context>
    <context>
        <name>GanInterpolationWidget</name>
        <message>
            <location filename="../gan/interpolation.py" line="73" />
            <source>Interpolate</source>
            <translation>보간</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="74" />
            <source>Interpolation between two latent vectors</source>
            <translation>두 잠재 벡터 (latent vector) 사이의 보간 (interpolation)</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="75" />
            <source>linear</source>
            <translation>선형</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="76" />
            <source>spherical</source>
            <translation>구면</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="77" />
            <source>Linear or spherical (slerp) interpolation in noise space</source>
            <translation>노이즈 공간에서의 선형 또는 구면 (slerp) 보간</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="78" />
            <source> steps</source>
            <translation> 단계</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="79" />
            <source>Export GIF…</source>
            <translation>GIF 내보내기…</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="80" />
            <source>Pick A and B in the enlarged-sample panel.</source>
            <translation>확대 샘플 패널에서 A와 B를 고르세요.</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="81" />
            <source>Animate latent walk</source>
            <translation>잠재 공간 걷기 애니메이션</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="82" />
            <source>Tick “Animate latent walk”</source>
            <translation>“잠재 공간 걷기 애니메이션”을 켜세요</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="93" />
            <source>A: cell {0}  B: cell {1}</source>
            <translation>A: 칸 {0}  B: 칸 {1}</translation>
        </message>
        <message>
            <location filename="../gan/interpolation.py" line="128" />
            <source>no interpolation to export yet</source>
            <translation>아직 내보낼 보간 결과가 없습니다</translation>
        </message>
    </context>
    <context>
        <name>GanQualityWidget</name>
        <message>
            <location filename="../gan/quality_view.py" line="108" />
            <source>MNIST score ↑</source>
            <translation>MNIST 점수 ↑</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="108" />
            <source>Fréchet ↓</source>
            <translation>프레셰 거리 ↓</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="109" />
            <source>class bits</source>
            <translation>클래스 엔트로피 (비트)</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="112" />
            <source>rule score ↑</source>
            <translation>규칙 점수 ↑</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="114" />
            <source>GAN samples</source>
            <translation>GAN 샘플</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="114" />
            <source>Real test images</source>
            <translation>실제 테스트 이미지</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="115" />
            <source>Mean image</source>
            <translation>평균 이미지</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="100" />
            <source>The samples score above the real images: the scorer finds each one more clearly one class than real images are, which a class-conditional GAN (AC-GAN) is trained for. The Fréchet distance also weighs their variety.</source>
            <translation>샘플의 점수가 실제 이미지보다 높습니다: 채점기는 각 샘플을 실제 이미지보다 더 뚜렷하게 한 클래스로 봅니다. 클래스 조건부 GAN(AC-GAN)은 그렇게 되도록 학습합니다. 프레셰 거리는 샘플의 다양성까지 따집니다.</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="128" />
            <source>Above the real images: an AC-GAN makes each sample clearly one class (see the tooltip).</source>
            <translation>실제 이미지보다 높음: AC-GAN은 샘플마다 한 클래스가 뚜렷합니다 (도움말 참고).</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="148" />
            <source>class entropy {0} bits (&lt; 1 bit)</source>
            <translation>클래스 엔트로피 {0}비트 (&lt; 1비트)</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="150" />
            <source>class entropy</source>
            <translation>클래스 엔트로피</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="150" />
            <source>diversity</source>
            <translation>다양성</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="151" />
            <source>{0} {1} (&lt; 50 % of best {2})</source>
            <translation>{0} {1} (최고치 {2}의 50 % 미만)</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="154" />
            <source>roll back to the epoch {0} checkpoint</source>
            <translation>에포크 {0} 체크포인트로 되돌리세요</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="155" />
            <source>no earlier healthy checkpoint to roll back to</source>
            <translation>되돌릴 수 있는 이전의 정상 체크포인트가 없습니다</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="156" />
            <source>Possible mode collapse at epoch {0}: {1}; {2}.</source>
            <translation>에포크 {0}에서 모드 붕괴 (mode collapse) 가능성: {1}; {2}.</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="198" />
            <source>Return the run to this epoch's checkpoint (roll back)</source>
            <translation>이 에포크의 체크포인트로 실행을 되돌립니다 (roll back)</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="200" />
            <source>Classes of saved generator's samples</source>
            <translation>저장된 생성자 샘플의 클래스</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="203" />
            <source>Classes of samples, epoch {0}</source>
            <translation>샘플의 클래스, 에포크 {0}</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="205" />
            <source>no quality records for this run</source>
            <translation>이 실행에는 품질 기록이 없습니다</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="206" />
            <source>⚠ {0}</source>
            <translation>⚠ {0}</translation>
        </message>
        <message>
            <location filename="../gan/quality_view.py" line="208" />
            <source>Roll back to epoch {0}</source>
            <translation>에포크 {0}(으)로 되돌리기</translation>
        </message>
    </context>
    <context>
        <name>GanRunActions</name>
        <message>
            <location filename="../gan/run_actions.py" line="31" />
            <location filename="../gan/run_actions.py" line="120" />
            <source>Roll back</source>
            <translation>되돌리기</translation>
        </message>
        <message>
            <location filename="../gan/run_actions.py" line="32" />
            <source>Roll {0} back to its epoch {1} checkpoint? The later epochs' models, history and samples are discarded; continuing training starts from there.</source>
            <translation>{0}을(를) 에포크 {1} 체크포인트로 되돌릴까요? 이후 에포크의 모델, 기록, 샘플은 버려지며 학습을 이어 하면 그 지점부터 시작합니다.</translation>
        </message>
        <message>
            <location filename="../gan/run_actions.py" line="40" />
            <location filename="../gan/run_actions.py" line="189" />
            <source>Export</source>
            <translation>내보내기</translation>
        </message>
        <message>
            <location filename="../gan/run_actions.py" line="121" />
            <source>This run is training now; stop it before rolling back.</source>
            <translation>이 실행은 지금 학습 중입니다. 되돌리기 전에 중지하세요.</translation>
        </message>
        <message>
            <location filename="../gan/run_actions.py" line="131" />
            <location filename="../gan/run_actions.py" line="134" />
            <source>GAN steps</source>
            <translation>GAN 단계별 학습</translation>
        </message>
        <message>
            <location filename="../gan/run_actions.py" line="131" />
            <source>Choose a GAN run first.</source>
            <translation>먼저 GAN 실행을 고르세요.</translation>
        </message>
        <message>
            <location filename="../gan/run_actions.py" line="135" />
            <source>This run is training now; step it once training has stopped.</source>
            <translation>이 실행은 지금 학습 중입니다. 학습이 멈춘 뒤에 단계별로 학습하세요.</translation>
        </message>
        <message>
            <location filename="../gan/run_actions.py" line="187" />
            <source>Saved {0}</source>
            <translation>{0}에 저장했습니다</translation>
        </message>
    </context>
    <context>
        <name>GanSidePanel</name>
        <message>
            <location filename="../gan/side_panel.py" line="72" />
            <source>Click a sample</source>
            <translation>샘플을 클릭하세요</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="73" />
            <source>Use as A</source>
            <translation>A로 사용</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="74" />
            <source>Make the enlarged sample end A of the interpolation</source>
            <translation>확대한 샘플을 보간의 끝점 A로 씁니다</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="75" />
            <source>Use as B</source>
            <translation>B로 사용</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="76" />
            <source>Make the enlarged sample end B of the interpolation</source>
            <translation>확대한 샘플을 보간의 끝점 B로 씁니다</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="77" />
            <source>Export PNG…</source>
            <translation>PNG 내보내기…</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="78" />
            <source>Enlarged sample · nearest real image (memorisation check)</source>
            <translation>확대한 샘플 · 가장 가까운 실제 이미지 (암기 확인)</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="79" />
            <source>sample (right-click a cell to lock it)</source>
            <translation>샘플 (칸을 오른쪽 클릭하면 고정)</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="80" />
            <source>Compute metrics</source>
            <translation>지표 계산</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="81" />
            <source>Score 1000 generated samples with a small digit classifier</source>
            <translation>생성한 샘플 1000개를 작은 숫자 분류 모델로 채점합니다</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="82" />
            <source>The deterministic model: per-pixel mean of the training set</source>
            <translation>결정론적 모델: 훈련 세트의 픽셀별 평균</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="83" />
            <location filename="../gan/side_panel.py" line="124" />
            <source>waiting for the run's dataset</source>
            <translation>실행의 데이터셋을 기다리는 중</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="85" />
            <source>Loading the run's dataset…</source>
            <translation>실행의 데이터셋 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="86" />
            <source>The run's dataset is unavailable.</source>
            <translation>실행의 데이터셋을 쓸 수 없습니다.</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="91" />
            <source>Scoring… (the first time trains a small classifier: a few seconds)</source>
            <translation>채점 중… (처음에는 작은 분류 모델을 학습합니다: 몇 초)</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="95" />
            <source>Score the run to compare the GAN with real images and the mean image.</source>
            <translation>실행을 채점해 GAN을 실제 이미지 및 평균 이미지와 비교하세요.</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="105" />
            <source>nearest real #{0} (RMS distance {1:.3f})</source>
            <translation>가장 가까운 실제 이미지 #{0} (RMS 거리 {1:.3f})</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="107" />
            <source>nearest real image: the run's dataset is not loaded</source>
            <translation>가장 가까운 실제 이미지: 실행의 데이터셋을 불러오지 않았습니다</translation>
        </message>
        <message>
            <location filename="../gan/side_panel.py" line="108" />
            <source>nearest real training image</source>
            <translation>가장 가까운 실제 훈련 이미지</translation>
        </message>
    </context>
    <context>
        <name>GanStepWidget</name>
        <message>
            <location filename="../gan/step_controls.py" line="47" />
            <source>Both</source>
            <translation>둘 다</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="47" />
            <source>Discriminator only</source>
            <translation>판별자만</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="47" />
            <source>Generator only</source>
            <translation>생성자만</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="51" />
            <source>Which network to update: the discriminator, the generator or both</source>
            <translation>어느 신경망을 갱신할지: 판별자 (discriminator), 생성자 (generator) 또는 둘 다</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="52" />
            <source> batches</source>
            <translation> 배치</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="53" />
            <source>Train steps</source>
            <translation>단계 학습</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="54" />
            <source>Train</source>
            <translation>학습 대상:</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="55" />
            <source>for the next</source>
            <translation>학습량:</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="68" />
            <source>training {0} batches…</source>
            <translation>{0}개 배치 학습 중…</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="70" />
            <source>batch {0}/{1} · {2}</source>
            <translation>배치 {0}/{1} · {2}</translation>
        </message>
        <message>
            <location filename="../gan/step_controls.py" line="72" />
            <source>{0} batches ({1}) done · {2}</source>
            <translation>{0}개 배치 ({1}) 완료 · {2}</translation>
        </message>
    </context>
    <context>
        <name>GanTab</name>
        <message>
            <location filename="../gan/backend.py" line="166" />
            <source>{0} is a {1} run, not a GAN run</source>
            <translation>{0}은(는) {1} 실행이며 GAN 실행이 아닙니다</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="54" />
            <source>Run</source>
            <translation>실행</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="55" />
            <source>Follow live run</source>
            <translation>학습 중인 실행 따라가기</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="56" />
            <source>Show the GAN run being trained as soon as it starts</source>
            <translation>학습 중인 GAN 실행을 시작되자마자 보여 줍니다</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="57" />
            <source>grid </source>
            <translation>격자 </translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="58" />
            <source>Samples per side of the grid</source>
            <translation>격자 한 변의 샘플 수</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="59" />
            <source>seed </source>
            <translation>시드 </translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="60" />
            <source>Seed of the grid's noise (latent vectors)</source>
            <translation>격자 노이즈(잠재 벡터, latent vector)의 시드 (seed)</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="61" />
            <source>Reseed</source>
            <translation>다시 뽑기</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="62" />
            <source>New noise for every sample that is not locked</source>
            <translation>고정하지 않은 모든 샘플에 새 노이즈를 씁니다</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="64" />
            <source>This GAN is class-conditional (AC-GAN): each sample's class is read from its noise. Choose a class to draw every unlocked sample as that class, keeping its style.</source>
            <translation>이 GAN은 조건부(AC-GAN)입니다: 각 샘플의 클래스를 그 잡음에서 읽습니다. 클래스를 고르면 잠그지 않은 모든 샘플을 그 스타일 그대로 그 클래스로 그립니다.</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="67" />
            <source>Export grid PNG…</source>
            <translation>격자 PNG 내보내기…</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="68" />
            <source>Export timeline GIF…</source>
            <translation>타임라인 GIF 내보내기…</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="69" />
            <source>Interpolation</source>
            <translation>보간 (interpolation)</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="69" />
            <source>Timeline</source>
            <translation>타임라인</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="69" />
            <source>Quality</source>
            <translation>품질</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="70" />
            <source>Train steps</source>
            <translation>단계별 학습</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="97" />
            <location filename="../gan/tab.py" line="99" />
            <source>PNG image (*.png)</source>
            <translation>PNG 이미지 (*.png)</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="100" />
            <location filename="../gan/tab.py" line="102" />
            <source>GIF animation (*.gif)</source>
            <translation>GIF 애니메이션 (*.gif)</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="307" />
            <source>all classes</source>
            <translation>모든 클래스</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="309" />
            <source>class {0}</source>
            <translation>클래스 {0}</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="363" />
            <source>GAN tab</source>
            <translation>GAN 탭</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="368" />
            <source>no samples to export yet</source>
            <translation>아직 내보낼 샘플이 없습니다</translation>
        </message>
        <message>
            <location filename="../gan/tab.py" line="372" />
            <source>click a sample to enlarge it first</source>
            <translation>먼저 샘플을 클릭해 확대하세요</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="16" />
            <source>1 epoch</source>
            <translation>1 에포크</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="16" />
            <source>{0} epochs</source>
            <translation>{0} 에포크</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="21" />
            <source>1 locked sample</source>
            <translation>고정된 샘플 1개</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="21" />
            <source>{0} locked samples</source>
            <translation>고정된 샘플 {0}개</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="26" />
            <source>completed</source>
            <translation>완료</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="26" />
            <source>stopped</source>
            <translation>중지됨</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="26" />
            <source>failed</source>
            <translation>실패</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="27" />
            <source>running</source>
            <translation>학습 중</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="27" />
            <source>interrupted</source>
            <translation>중단됨</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="38" />
            <source>No GAN run shown: pick one above, or train a GAN in the Training tab.</source>
            <translation>표시된 GAN 실행이 없습니다. 위에서 고르거나 학습 탭에서 적대적 생성 신경망 (GAN)을 학습하세요.</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="43" />
            <source>Loading {0}…</source>
            <translation>{0} 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="49" />
            <source>{0}: {1}</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="50" />
            <source> (training now)</source>
            <translation> (학습 중)</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="52" />
            <source>trained on {0}</source>
            <translation>{0}(으)로 학습함</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="54" />
            <source>its dataset {0} could not be loaded ({1})</source>
            <translation>데이터셋 {0}을(를) 불러올 수 없습니다 ({1})</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="56" />
            <source>loading its dataset {0}…</source>
            <translation>데이터셋 {0} 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../gan/texts.py" line="60" />
            <source>no generator saved yet</source>
            <translation>아직 저장된 생성자가 없습니다</translation>
        </message>
    </context>
    <context>
        <name>GanTimelineWidget</name>
        <message>
            <location filename="../gan/timeline.py" line="38" />
            <source>No epochs yet: the timeline fills as the GAN trains.</source>
            <translation>아직 에포크가 없습니다. GAN이 학습하면서 타임라인이 채워집니다.</translation>
        </message>
        <message>
            <location filename="../gan/timeline.py" line="39" />
            <source>Scrub through the epochs: the same fixed noise at each</source>
            <translation>에포크 (epoch)를 넘겨 봅니다: 에포크마다 같은 고정 노이즈</translation>
        </message>
        <message>
            <location filename="../gan/timeline.py" line="92" />
            <source>epoch –</source>
            <translation>에포크 –</translation>
        </message>
        <message>
            <location filename="../gan/timeline.py" line="97" />
            <source>epoch {0} / {1}</source>
            <translation>에포크 {0} / {1}</translation>
        </message>
        <message>
            <location filename="../gan/timeline.py" line="104" />
            <source>the timeline is empty: train at least one epoch</source>
            <translation>타임라인이 비어 있습니다. 최소 한 에포크를 학습하세요</translation>
        </message>
    </context>
    <context>
        <name>GanUserModel</name>
        <message>
            <location filename="../gan/user_model.py" line="93" />
            <source>Output range</source>
            <translation>출력 범위</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="94" />
            <source>auto (final activation)</source>
            <translation>자동 (마지막 활성화 함수)</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="94" />
            <source>[−1, 1] (tanh)</source>
            <translation>[−1, 1] (tanh)</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="95" />
            <source>[0, 1] (sigmoid)</source>
            <translation>[0, 1] (sigmoid)</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="97" />
            <source>How the generator's output maps to pixel values</source>
            <translation>생성자 (generator) 출력을 픽셀 값으로 바꾸는 방식</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="98" />
            <source>Real images</source>
            <translation>실제 이미지</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="99" />
            <source>(none)</source>
            <translation>(없음)</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="100" />
            <source>A dataset of the generator's image shape gives the nearest real image</source>
            <translation>생성자 (generator) 이미지와 같은 모양의 데이터셋에서 가장 가까운 실제 이미지를 찾습니다</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="118" />
            <source>the dataset could not be loaded ({0})</source>
            <translation>데이터셋을 불러오지 못했습니다 ({0})</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="120" />
            <source>loading the dataset…</source>
            <translation>데이터셋 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="123" />
            <source>its images {0} do not match the generator's {1}: no nearest real image</source>
            <translation>이 데이터셋의 이미지 {0}이(가) 생성자 (generator)의 {1}과(와) 맞지 않습니다: 가장 가까운 실제 이미지 없음</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="130" />
            <source>{0}: a user's generator, {1}-long noise → {2} images</source>
            <translation>{0}: 사용자 생성자 (generator), 길이 {1}의 노이즈 → {2} 이미지</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="135" />
            <source>GAN tab</source>
            <translation>GAN 탭</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="136" />
            <source>{0} is not a generator (a noise vector in, an image out)</source>
            <translation>{0}은(는) 생성자 (generator)가 아닙니다 (노이즈 벡터를 받아 이미지를 내야 합니다)</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="172" />
            <source>Only for runs trained in Latent Lab, not for a generator file</source>
            <translation>Latent Lab에서 학습한 실행에만 쓸 수 있고, 생성자 (generator) 파일에는 쓸 수 없습니다</translation>
        </message>
        <message>
            <location filename="../gan/user_model.py" line="187" />
            <source>Choose real images of the generator's shape above: the metrics compare with them</source>
            <translation>위에서 생성자와 같은 모양의 실제 이미지를 고르세요. 지표는 그 이미지와 비교합니다</translation>
        </message>
    </context>
    <context>
        <name>GridPanel</name>
        <message>
            <location filename="../latent/grid_panel.py" line="26" />
            <source>linear</source>
            <translation>선형</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="26" />
            <source>gaussian</source>
            <translation>가우시안</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="74" />
            <source>gaussian: grid lines at quantiles of N(0, 1), denser near the middle</source>
            <translation>가우시안: N(0, 1)의 분위수에 격자선을 두어 가운데일수록 촘촘합니다</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="75" />
            <source>Images per row and per column</source>
            <translation>행과 열마다의 이미지 수</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="76" />
            <source>Overlay on map</source>
            <translation>지도에 겹쳐 보기</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="77" />
            <source>Decode grid</source>
            <translation>격자 디코딩</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="78" />
            <source>Export PNG…</source>
            <translation>PNG 내보내기…</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="79" />
            <source>The manifold grid appears here</source>
            <translation>매니폴드 격자가 여기에 나타납니다</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="105" />
            <source>decoding {0} × {0} …</source>
            <translation>{0} × {0} 디코딩 중…</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="121" />
            <source>nothing to export yet: decode the grid first</source>
            <translation>아직 내보낼 것이 없습니다: 먼저 격자를 디코딩하세요</translation>
        </message>
        <message>
            <location filename="../latent/grid_panel.py" line="134" />
            <source>{0} × {0} images, {1} spacing over x {2}, y {3} (top row = largest y)</source>
            <translation>{0} × {0} 이미지, {1} 간격, x {2}, y {3} 범위 (맨 윗줄 = 가장 큰 y)</translation>
        </message>
    </context>
    <context>
        <name>HistoryPanel</name>
        <message>
            <location filename="../latent/history_panel.py" line="26" />
            <source>epoch {0}</source>
            <translation>에포크 {0}</translation>
        </message>
        <message>
            <location filename="../latent/history_panel.py" line="27" />
            <source>prior N(0, I)</source>
            <translation>사전 분포 (prior) N(0, I)</translation>
        </message>
        <message>
            <location filename="../latent/history_panel.py" line="60" />
            <source>Show history on the map</source>
            <translation>지도에 기록 보기</translation>
        </message>
        <message>
            <location filename="../latent/history_panel.py" line="61" />
            <source>Replay where the probe images sat in the latent space after each epoch</source>
            <translation>에포크마다 탐침 이미지가 잠재 공간 어디에 있었는지 다시 보여 줍니다</translation>
        </message>
        <message>
            <location filename="../latent/history_panel.py" line="62" />
            <source>Export GIF…</source>
            <translation>GIF 내보내기…</translation>
        </message>
        <message>
            <location filename="../latent/history_panel.py" line="87" />
            <source>nothing to export yet: no history recorded</source>
            <translation>아직 내보낼 것이 없습니다: 기록된 이력이 없습니다</translation>
        </message>
        <message>
            <location filename="../latent/history_panel.py" line="92" />
            <source>epoch {0} ({1} of {2} recorded)</source>
            <translation>에포크 {0} (기록된 {2}개 중 {1}번째)</translation>
        </message>
        <message>
            <location filename="../latent/history_panel.py" line="93" />
            <source>no epochs recorded</source>
            <translation>기록된 에포크가 없습니다</translation>
        </message>
    </context>
    <context>
        <name>InputChooser</name>
        <message>
            <location filename="../density/inputs.py" line="71" />
            <source>Held-out test image</source>
            <translation>테스트 이미지</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="71" />
            <source>Your drawing</source>
            <translation>직접 그린 숫자</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="72" />
            <source>GAN sample</source>
            <translation>GAN 샘플</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="72" />
            <source>Uniform noise</source>
            <translation>균등 잡음</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="73" />
            <source>Image from another dataset</source>
            <translation>다른 데이터셋의 이미지</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="73" />
            <source>Mean image</source>
            <translation>평균 이미지</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="74" />
            <source>Test image upside down</source>
            <translation>뒤집힌 테스트 이미지</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="78" />
            <source>Input</source>
            <translation>입력</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="79" />
            <source>Image</source>
            <translation>이미지</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="80" />
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="81" />
            <source>Next</source>
            <translation>다음</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="82" />
            <source>GAN run</source>
            <translation>GAN 실행</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="83" />
            <source>Dataset</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <location filename="../density/inputs.py" line="112" />
            <source>No GAN run yet: train one in the Training tab to compare its samples.</source>
            <translation>아직 GAN 실행이 없습니다: 샘플을 비교하려면 학습 탭에서 GAN을 학습하세요.</translation>
        </message>
    </context>
    <context>
        <name>InterpolationPanel</name>
        <message>
            <location filename="../latent/interpolation_panel.py" line="74" />
            <source>{0} = cursor</source>
            <translation>{0} = 커서</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="75" />
            <source>Take the point under the map's cursor as end {0}</source>
            <translation>지도 커서 아래의 점을 끝점 {0}(으)로 씁니다</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="76" />
            <source>{0} = test image #</source>
            <translation>{0} = 테스트 이미지 #</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="77" />
            <source>Images in the strip, ends included</source>
            <translation>띠에 들어갈 이미지 수 (양 끝 포함)</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="78" />
            <source>Decode strip</source>
            <translation>띠 디코딩</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="79" />
            <source>Export PNG…</source>
            <translation>PNG 내보내기…</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="80" />
            <source>Export GIF…</source>
            <translation>GIF 내보내기…</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="81" />
            <source>Set A and B, then decode the strip</source>
            <translation>A와 B를 정한 뒤 띠를 디코딩하세요</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="90" />
            <source>not set</source>
            <translation>정하지 않음</translation>
        </message>
        <message>
            <location filename="../latent/interpolation_panel.py" line="140" />
            <source>nothing to export yet: decode the strip first</source>
            <translation>아직 내보낼 것이 없습니다: 먼저 띠를 디코딩하세요</translation>
        </message>
    </context>
    <context>
        <name>LatentMapWidget</name>
        <message>
            <location filename="../latent/map_widget.py" line="63" />
            <source>Choose an autoencoder or VAE run</source>
            <translation>오토 인코더 또는 변이형 오토 인코더 (VAE) 실행을 고르세요</translation>
        </message>
        <message>
            <location filename="../latent/map_widget.py" line="64" />
            <source>Click or drag to decode a point of the latent space; the wheel zooms</source>
            <translation>클릭하거나 끌어서 잠재 공간 (latent space)의 점을 디코딩합니다. 휠로 확대·축소합니다</translation>
        </message>
    </context>
    <context>
        <name>LatentPanelsWidget</name>
        <message>
            <location filename="../latent/panels.py" line="31" />
            <source>Manifold grid</source>
            <translation>매니폴드 격자</translation>
        </message>
        <message>
            <location filename="../latent/panels.py" line="31" />
            <source>Interpolation</source>
            <translation>보간</translation>
        </message>
        <message>
            <location filename="../latent/panels.py" line="31" />
            <source>Where does my digit land</source>
            <translation>내 숫자는 어디에 놓일까</translation>
        </message>
        <message>
            <location filename="../latent/panels.py" line="32" />
            <source>Latent history</source>
            <translation>잠재 공간 기록</translation>
        </message>
        <message>
            <location filename="../latent/panels.py" line="32" />
            <source>Conditional VAE: one style, every digit</source>
            <translation>조건부 VAE: 한 가지 스타일, 모든 숫자</translation>
        </message>
        <message>
            <location filename="../latent/panels.py" line="35" />
            <source>Decode the points on the straight line between two points of the latent space</source>
            <translation>잠재 공간의 두 점을 잇는 직선 위의 점들을 디코딩합니다 (보간, interpolation)</translation>
        </message>
    </context>
    <context>
        <name>LatentRunPicker</name>
        <message>
            <location filename="../latent/run_picker.py" line="45" />
            <source>Run:</source>
            <translation>실행:</translation>
        </message>
        <message>
            <location filename="../latent/run_picker.py" line="46" />
            <source>Classifier:</source>
            <translation>분류 모델:</translation>
        </message>
        <message>
            <location filename="../latent/run_picker.py" line="47" />
            <source>A classifier run trained on the same data colours the map and names the decoded images</source>
            <translation>같은 데이터로 학습한 분류 모델 (classifier) 실행이 지도를 색칠하고 디코딩된 이미지의 이름을 붙입니다</translation>
        </message>
        <message>
            <location filename="../latent/run_picker.py" line="49" />
            <source>Refresh</source>
            <translation>새로 고침</translation>
        </message>
        <message>
            <location filename="../latent/run_picker.py" line="62" />
            <source>— choose an autoencoder or VAE run —</source>
            <translation>— 오토 인코더 또는 VAE 실행 선택 —</translation>
        </message>
        <message numerus="yes">
            <location filename="../latent/run_picker.py" line="65" />
            <source>{0} · {1} · {2}-D · {3}, %n epoch(s)</source>
            <translation>
                <numerusform>{0} · {1} · {2}차원 · {3}, 에포크 %n개</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../latent/run_picker.py" line="67" />
            <source>{0} · {1} · training</source>
            <translation>{0} · {1} · 학습 중</translation>
        </message>
        <message>
            <location filename="../latent/run_picker.py" line="71" />
            <source>(none)</source>
            <translation>(없음)</translation>
        </message>
    </context>
    <context>
        <name>LatentTab</name>
        <message>
            <location filename="../latent/captions.py" line="23" />
            <source>Variational autoencoder (VAE) with a {0}-D latent space: the map is the latent plane itself.</source>
            <translation>{0}차원 잠재 공간의 변이형 오토 인코더 (VAE): 지도가 곧 잠재 평면입니다.</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="25" />
            <source>Autoencoder with a {0}-D latent space: the map is the latent plane itself.</source>
            <translation>{0}차원 잠재 공간의 오토 인코더 (autoencoder): 지도가 곧 잠재 평면입니다.</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="27" />
            <source>{0}-D latent space shown on the PCA plane of the encoded means (PC1 {1}, PC2 {2} of variance); a clicked point is decoded from its inverse projection.</source>
            <translation>{0}차원 잠재 공간을 인코딩된 평균의 PCA 평면에 나타냈습니다 (분산의 PC1 {1}, PC2 {2}). 클릭한 점은 역투영으로 디코딩됩니다.</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="31" />
            <source>{0}  {1} test points · {2}</source>
            <translation>{0}  테스트 점 {1}개 · {2}</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="37" />
            <source>{0}: a user's decoder with a {1}-D latent space.</source>
            <translation>{0}: {1}차원 잠재 공간의 사용자 디코더.</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="39" />
            <source>{0} encoded test points · {1}</source>
            <translation>인코딩된 테스트 점 {0}개 · {1}</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="53" />
            <source>encoded test set</source>
            <translation>인코딩된 테스트 세트</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="58" />
            <source>probe set after epoch {0}</source>
            <translation>에포크 {0} 후의 탐침 세트</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="67" />
            <source>prior N(0, I)</source>
            <translation>사전 분포 (prior) N(0, I)</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="72" />
            <source>Export manifold grid</source>
            <translation>매니폴드 격자 내보내기</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="72" />
            <source>Export interpolation strip</source>
            <translation>보간 띠 내보내기</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="73" />
            <source>Export latent history</source>
            <translation>잠재 공간 기록 내보내기</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="74" />
            <source>GIF animation (*.gif)</source>
            <translation>GIF 애니메이션 (*.gif)</translation>
        </message>
        <message>
            <location filename="../latent/captions.py" line="74" />
            <source>PNG image (*.png)</source>
            <translation>PNG 이미지 (*.png)</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="48" />
            <location filename="../latent/tab.py" line="204" />
            <source>Latent map</source>
            <translation>잠재 공간 지도</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="88" />
            <source>Classifier confidence heat map</source>
            <translation>분류 모델 확신도 히트맵</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="89" />
            <source>Colour the map by how sure a classifier run is of each decoded image</source>
            <translation>디코딩된 이미지마다 분류 모델 (classifier)이 얼마나 확신하는지로 지도를 색칠합니다</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="105" />
            <source>Choose a trained (or training) autoencoder or VAE run.</source>
            <translation>학습을 마쳤거나 학습 중인 오토 인코더 또는 변이형 오토 인코더 (VAE) 실행을 고르세요.</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="143" />
            <source>Waiting for the engine to load {0} …</source>
            <translation>{0}을(를) 불러오려고 엔진을 기다리는 중…</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="154" />
            <source>Loading {0} …</source>
            <translation>{0} 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="202" />
            <source>Could not load the run: {0}</source>
            <translation>실행을 불러올 수 없습니다: {0}</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="203" />
            <source>Could not load the run: {0}; still showing {1}</source>
            <translation>실행을 불러올 수 없습니다: {0}. {1}을(를) 계속 보여 줍니다</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="384" />
            <source>Saved {0}</source>
            <translation>{0}에 저장했습니다</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="386" />
            <source>Export</source>
            <translation>내보내기</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="389" />
            <source>Error: {0}</source>
            <translation>오류: {0}</translation>
        </message>
        <message>
            <location filename="../latent/tab.py" line="390" />
            <source>Latent map: {0}</source>
            <translation>잠재 공간 지도: {0}</translation>
        </message>
    </context>
    <context>
        <name>LatentUserBar</name>
        <message>
            <location filename="../latent/user_bar.py" line="90" />
            <source>Open encoder…</source>
            <translation>인코더 열기…</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="91" />
            <source>An encoder file: the chosen dataset's test set is encoded and scattered on the map</source>
            <translation>인코더 파일: 선택한 데이터셋의 테스트 세트를 인코딩해 지도에 점으로 표시합니다</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="93" />
            <source>The dataset the encoder encodes</source>
            <translation>인코더가 인코딩할 데이터셋</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="94" />
            <source>Plane</source>
            <translation>평면</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="95" />
            <source>two dimensions</source>
            <translation>두 차원</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="96" />
            <source>PCA plane of the encoded test set</source>
            <translation>인코딩된 테스트 세트의 PCA 평면</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="97" />
            <source>Latent dimension on the horizontal axis</source>
            <translation>가로축의 잠재 차원</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="98" />
            <source>Latent dimension on the vertical axis</source>
            <translation>세로축의 잠재 차원</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="100" />
            <location filename="../latent/user_bar.py" line="175" />
            <source>z[{0}] = {1:+.2f}</source>
            <translation>z[{0}] = {1:+.2f}</translation>
        </message>
        <message>
            <location filename="../latent/user_bar.py" line="157" />
            <source>Latent map</source>
            <translation>잠재 공간 지도</translation>
        </message>
    </context>
    <context>
        <name>LayerOutputsWidget</name>
        <message>
            <location filename="../layers/outputs.py" line="42" />
            <source>&lt;b&gt;Prediction:&lt;/b&gt; class {0}</source>
            <translation>&lt;b&gt;예측:&lt;/b&gt; 클래스 {0}</translation>
        </message>
    </context>
    <context>
        <name>LayersDataChoice</name>
        <message>
            <location filename="../layers/data_choice.py" line="47" />
            <source>{0} names no dataset: draw instead.</source>
            <translation>{0}에는 데이터셋이 지정되어 있지 않습니다. 대신 그려 보세요.</translation>
        </message>
        <message>
            <location filename="../layers/data_choice.py" line="62" />
            <source>Loading {0} …</source>
            <translation>{0} 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../layers/data_choice.py" line="84" />
            <source>Could not load {0}: {1}</source>
            <translation>{0}을(를) 불러올 수 없습니다: {1}</translation>
        </message>
    </context>
    <context>
        <name>LayersInputWidget</name>
        <message>
            <location filename="../layers/input_panel.py" line="28" />
            <source>Dataset image</source>
            <translation>데이터셋 이미지</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="28" />
            <source>Draw</source>
            <translation>그리기</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="29" />
            <source>Latent vector</source>
            <translation>잠재 벡터</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="80" />
            <location filename="../layers/input_panel.py" line="286" />
            <source>no input</source>
            <translation>입력 없음</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="86" />
            <source>The data a model file is shown with; a run's models use the run's own data</source>
            <translation>모델 파일과 함께 보여 줄 데이터입니다. 실행의 모델은 그 실행의 데이터를 씁니다</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="89" />
            <source>&lt;b&gt;Input&lt;/b&gt;</source>
            <translation>&lt;b&gt;입력&lt;/b&gt;</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="90" />
            <source>Data</source>
            <translation>데이터</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="91" />
            <location filename="../layers/input_panel.py" line="196" />
            <source>any class</source>
            <translation>모든 클래스</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="92" />
            <source>Random</source>
            <translation>무작위</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="93" />
            <source>Test image</source>
            <translation>테스트 이미지</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="94" />
            <source>Class</source>
            <translation>클래스</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="95" />
            <source>Clear</source>
            <translation>지우기</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="96" />
            <source>Brush</source>
            <translation>붓 굵기</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="97" />
            <source>Random normal</source>
            <translation>무작위 (정규 분포)</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="106" />
            <source>No dataset loaded yet: draw instead.</source>
            <translation>아직 불러온 데이터셋이 없습니다. 대신 그려 보세요.</translation>
        </message>
        <message numerus="yes">
            <location filename="../layers/input_panel.py" line="203" />
            <source>{0}: %n test image(s)</source>
            <translation>
                <numerusform>{0}: 테스트 이미지 %n개</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="280" />
            <source>{0} test image {1}, label {2}</source>
            <translation>{0} 테스트 이미지 {1}, 레이블 {2}</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="282" />
            <source>your drawing (centred like MNIST)</source>
            <translation>직접 그린 그림 (MNIST처럼 가운데 정렬)</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="286" />
            <source>empty pad</source>
            <translation>빈 패드</translation>
        </message>
        <message>
            <location filename="../layers/input_panel.py" line="288" />
            <source>the empty pad (all zeros): draw a digit</source>
            <translation>빈 패드 (모두 0): 숫자를 그려 보세요</translation>
        </message>
    </context>
    <context>
        <name>LayersTab</name>
        <message>
            <location filename="../layers/model_picker.py" line="16" />
            <source>a Lambda layer</source>
            <translation>Lambda 층</translation>
        </message>
        <message>
            <location filename="../layers/model_picker.py" line="17" />
            <source>custom code</source>
            <translation>사용자 정의 코드</translation>
        </message>
        <message>
            <location filename="../layers/model_picker.py" line="19" />
            <source>Model contains code</source>
            <translation>모델에 코드가 들어 있습니다</translation>
        </message>
        <message>
            <location filename="../layers/model_picker.py" line="20" />
            <source>This file contains code ({0}) that will run on your computer if loaded.

{1}

Load it anyway?</source>
            <translation>이 파일에는 불러오면 이 컴퓨터에서 실행될 코드({0})가 들어 있습니다.

{1}

그래도 불러올까요?</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="58" />
            <source>Layers</source>
            <translation>은닉층</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="110" />
            <source>Open a model (File → Open model…, drag a .keras file here, or pick a run).</source>
            <translation>모델을 여세요 (파일 → 모델 열기…, .keras 파일을 여기로 끌어 놓기, 또는 실행 선택).</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="122" />
            <source>Layer outputs</source>
            <translation>층 출력</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="123" />
            <source>Attribution</source>
            <translation>기여도 맵</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="178" />
            <source>Loading {0}…</source>
            <translation>{0} 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="231" />
            <source>Error: {0}</source>
            <translation>오류: {0}</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="249" />
            <source>{0}. Choose data of that size above, or draw.</source>
            <translation>{0}. 위에서 그 크기의 데이터를 고르거나 직접 그려 보세요.</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="264" />
            <source>Could not open {0}.</source>
            <translation>{0}을(를) 열 수 없습니다.</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="265" />
            <source>Could not open {0}; still showing {1}.</source>
            <translation>{0}을(를) 열 수 없습니다. {1}을(를) 계속 보여 줍니다.</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="268" />
            <source>Cannot open model</source>
            <translation>모델을 열 수 없습니다</translation>
        </message>
        <message numerus="yes">
            <location filename="../layers/tab.py" line="280" />
            <source>{0}: %n layer output(s), input {1} ({2})</source>
            <translation>
                <numerusform>{0}: 층 출력 %n개, 입력 {1} ({2})</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="282" />
            <source>vector</source>
            <translation>벡터</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="282" />
            <source>image</source>
            <translation>이미지</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="320" />
            <source>Export layer outputs</source>
            <translation>층 출력 내보내기</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="321" />
            <source>PNG images (*.png)</source>
            <translation>PNG 이미지 (*.png)</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="325" />
            <source>Export failed</source>
            <translation>내보내기 실패</translation>
        </message>
        <message>
            <location filename="../layers/tab.py" line="325" />
            <source>Could not write {0}</source>
            <translation>{0}에 쓸 수 없습니다</translation>
        </message>
    </context>
    <context>
        <name>LayersTopBar</name>
        <message>
            <location filename="../layers/top_bar.py" line="44" />
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <location filename="../layers/top_bar.py" line="45" />
            <source>Open model…</source>
            <translation>모델 열기…</translation>
        </message>
        <message>
            <location filename="../layers/top_bar.py" line="46" />
            <source>Recent models</source>
            <translation>최근 모델</translation>
        </message>
        <message>
            <location filename="../layers/top_bar.py" line="47" />
            <source>Sort units</source>
            <translation>유닛 정렬</translation>
        </message>
        <message>
            <location filename="../layers/top_bar.py" line="48" />
            <source>Show each dense layer's units from the strongest to the weakest</source>
            <translation>각 Dense 층의 유닛을 가장 강한 것부터 약한 순서로 보여 줍니다</translation>
        </message>
        <message>
            <location filename="../layers/top_bar.py" line="49" />
            <source>Export PNG…</source>
            <translation>PNG 내보내기…</translation>
        </message>
        <message>
            <location filename="../layers/top_bar.py" line="50" />
            <source>Save every layer's output, as shown, as one PNG image</source>
            <translation>보이는 그대로 모든 층의 출력을 PNG 이미지 한 장으로 저장합니다</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../main_window.py" line="51" />
            <source>Open model</source>
            <translation>모델 열기</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="52" />
            <source>Open {0} in:</source>
            <translation>{0}을(를) 열 탭:</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="106" />
            <source>Training</source>
            <translation>학습</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="107" />
            <source>Layers</source>
            <translation>은닉층</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="108" />
            <source>Latent map</source>
            <translation>잠재 공간 지도</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="109" />
            <source>GAN</source>
            <translation>GAN</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="110" />
            <source>Generative vs discriminative</source>
            <translation>생성 모델 vs 분류 모델</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="126" />
            <source>&amp;File</source>
            <translation>파일(&amp;F)</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="126" />
            <source>&amp;View</source>
            <translation>보기(&amp;V)</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="127" />
            <source>&amp;Tools</source>
            <translation>도구(&amp;T)</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="127" />
            <source>&amp;Help</source>
            <translation>도움말(&amp;H)</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="131" />
            <source>Open run…</source>
            <translation>실행 열기…</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="132" />
            <source>Open model…</source>
            <translation>모델 열기…</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="133" />
            <source>Quit</source>
            <translation>종료</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="134" />
            <source>Open runs folder</source>
            <translation>실행 폴더 열기</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="135" />
            <source>Rescan runs</source>
            <translation>실행 목록 다시 읽기</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="136" />
            <source>About Latent Lab</source>
            <translation>Latent Lab 정보</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="137" />
            <source>Keyboard shortcuts</source>
            <translation>단축키</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="138" />
            <source>Next tab</source>
            <translation>다음 탭</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="139" />
            <source>Previous tab</source>
            <translation>이전 탭</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="144" />
            <source>Recent runs</source>
            <translation>최근 실행</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="145" />
            <source>Language</source>
            <translation>언어 (Language)</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="152" />
            <source>{0} could not be created: {1}</source>
            <translation>{0}을(를) 만들 수 없습니다: {1}</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="180" />
            <source>Cannot open model</source>
            <translation>모델을 열 수 없습니다</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="181" />
            <source>{0}: no tab here opens model files yet</source>
            <translation>{0}: 모델 파일을 여는 탭이 아직 없습니다</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="294" />
            <source>Could not open {0} in a file manager.</source>
            <translation>파일 관리자에서 {0}을(를) 열 수 없습니다.</translation>
        </message>
        <message>
            <location filename="../main_window.py" line="305" />
            <source>(none)</source>
            <translation>(없음)</translation>
        </message>
    </context>
    <context>
        <name>ModelOverviewWidget</name>
        <message>
            <location filename="../layers/structure.py" line="129" />
            <source>Structure</source>
            <translation>구조</translation>
        </message>
        <message>
            <location filename="../layers/structure.py" line="130" />
            <source>Code</source>
            <translation>코드 (함수형 API)</translation>
        </message>
        <message>
            <location filename="../layers/structure.py" line="131" />
            <source>Keras code of the model (functional API, and keras.Sequential when it is a plain stack) and of the feature extractor whose outputs are every layer's output</source>
            <translation>모델의 Keras 코드(함수형 API, 그리고 층을 일렬로 쌓은 모델이면 keras.Sequential)와 모든 층의 출력을 내보내는 특징 추출기의 코드</translation>
        </message>
        <message numerus="yes">
            <location filename="../layers/structure.py" line="138" />
            <source>&lt;b&gt;{0}&lt;/b&gt;: {1} parameters, %n layer output(s)</source>
            <translation>
                <numerusform>&lt;b&gt;{0}&lt;/b&gt;: 파라미터 {1}개, 층 출력 %n개</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ModelPickerWidget</name>
        <message>
            <location filename="../layers/model_picker.py" line="30" />
            <source>live {0} / {1}</source>
            <translation>학습 중 {0} / {1}</translation>
        </message>
        <message>
            <location filename="../layers/model_picker.py" line="55" />
            <location filename="../layers/model_picker.py" line="66" />
            <source>— choose a model —</source>
            <translation>— 모델 선택 —</translation>
        </message>
    </context>
    <context>
        <name>PlotCanvas</name>
        <message>
            <location filename="../widgets/plot_labels.py" line="15" />
            <source>loss</source>
            <translation>손실 (loss)</translation>
        </message>
        <message>
            <location filename="../widgets/plot_labels.py" line="16" />
            <source>accuracy</source>
            <translation>정확도 (accuracy)</translation>
        </message>
        <message>
            <location filename="../widgets/plot_labels.py" line="17" />
            <source>reconstruction loss</source>
            <translation>재구성 손실 (reconstruction loss)</translation>
        </message>
        <message>
            <location filename="../widgets/plot_labels.py" line="18" />
            <source>KL loss</source>
            <translation>KL 손실 (KL loss)</translation>
        </message>
        <message>
            <location filename="../widgets/plot_labels.py" line="19" />
            <source>discriminator loss</source>
            <translation>판별자 손실 (discriminator loss)</translation>
        </message>
        <message>
            <location filename="../widgets/plot_labels.py" line="20" />
            <source>generator loss</source>
            <translation>생성자 손실 (generator loss)</translation>
        </message>
        <message>
            <location filename="../widgets/plot_labels.py" line="28" />
            <source>per epoch</source>
            <translation>에포크별</translation>
        </message>
        <message>
            <location filename="../widgets/plot_labels.py" line="29" />
            <source>validation</source>
            <translation>검증</translation>
        </message>
        <message>
            <location filename="../widgets/plot_labels.py" line="36" />
            <source>Curves appear here when training starts.</source>
            <translation>학습을 시작하면 여기에 곡선이 나타납니다.</translation>
        </message>
    </context>
    <context>
        <name>PointPanel</name>
        <message>
            <location filename="../latent/point_panel.py" line="38" />
            <source>Click or drag on the map</source>
            <translation>지도를 클릭하거나 끌어 보세요</translation>
        </message>
        <message>
            <location filename="../latent/point_panel.py" line="39" />
            <source>What the decoder makes of the point under the cursor</source>
            <translation>커서 아래 점을 디코더가 만든 이미지</translation>
        </message>
        <message>
            <location filename="../latent/point_panel.py" line="40" />
            <location filename="../latent/point_panel.py" line="55" />
            <source>nearest training image</source>
            <translation>가장 가까운 학습 이미지</translation>
        </message>
        <message>
            <location filename="../latent/point_panel.py" line="41" />
            <source>hover a data point</source>
            <translation>데이터 점 위에 마우스를 올려 보세요</translation>
        </message>
        <message>
            <location filename="../latent/point_panel.py" line="56" />
            <source>data point</source>
            <translation>데이터 점</translation>
        </message>
        <message>
            <location filename="../latent/point_panel.py" line="70" />
            <source>nearest training image: {0}</source>
            <translation>가장 가까운 학습 이미지: {0}</translation>
        </message>
        <message>
            <location filename="../latent/point_panel.py" line="74" />
            <source>plane {0} → {1}</source>
            <translation>평면 {0} → {1}</translation>
        </message>
        <message>
            <location filename="../latent/point_panel.py" line="85" />
            <source>classifier: {0} ({1} confident)</source>
            <translation>분류 모델: {0} (확신도 {1})</translation>
        </message>
        <message>
            <location filename="../latent/point_panel.py" line="91" />
            <source>test image #{0}: {1}</source>
            <translation>테스트 이미지 #{0}: {1}</translation>
        </message>
    </context>
    <context>
        <name>QualityPlotWidget</name>
        <message>
            <location filename="../gan/quality_plot.py" line="34" />
            <source>discriminator loss</source>
            <extracomment>metric key -&gt; (English panel title, colour); the panel order is this order.</extracomment>
            <translation>판별자 손실</translation>
        </message>
        <message>
            <location filename="../gan/quality_plot.py" line="35" />
            <source>generator loss</source>
            <translation>생성자 손실</translation>
        </message>
        <message>
            <location filename="../gan/quality_plot.py" line="36" />
            <source>MNIST score (higher is better)</source>
            <translation>MNIST 점수 (높을수록 좋음)</translation>
        </message>
        <message>
            <location filename="../gan/quality_plot.py" line="37" />
            <source>Fréchet distance (lower is better)</source>
            <translation>프레셰 거리 (Fréchet distance, 낮을수록 좋음)</translation>
        </message>
        <message>
            <location filename="../gan/quality_plot.py" line="38" />
            <source>class entropy, bits</source>
            <translation>클래스 엔트로피 (비트)</translation>
        </message>
        <message>
            <location filename="../gan/quality_plot.py" line="39" />
            <source>diversity</source>
            <translation>다양성</translation>
        </message>
        <message>
            <location filename="../gan/quality_plot.py" line="40" />
            <source>Mondrian rule score (higher is better)</source>
            <translation>몬드리안 규칙 점수 (높을수록 좋음)</translation>
        </message>
        <message>
            <location filename="../gan/quality_plot.py" line="69" />
            <source>Per-epoch quality metrics; epochs along the bottom</source>
            <translation>에포크별 품질 지표. 아래 축이 에포크입니다</translation>
        </message>
        <message>
            <location filename="../gan/quality_plot.py" line="120" />
            <source>No quality curves: this run has no epochs yet.</source>
            <translation>품질 곡선이 없습니다. 이 실행에는 아직 에포크가 없습니다.</translation>
        </message>
    </context>
    <context>
        <name>RunListWidget</name>
        <message>
            <location filename="../training/run_list.py" line="21" />
            <source>{0} · {1} · {2} · {3} · {4} ep</source>
            <translation>{0} · {1} · {2} · {3} · 에포크 {4}</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="26" />
            <source> · test acc {0}</source>
            <translation> · 테스트 정확도 {0}</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="32" />
            <source>completed</source>
            <translation>완료</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="33" />
            <source>stopped</source>
            <translation>중지됨</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="34" />
            <source>failed</source>
            <translation>실패</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="35" />
            <source>running</source>
            <translation>학습 중</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="36" />
            <source>interrupted</source>
            <translation>중단됨</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="47" />
            <source>A run is training.</source>
            <translation>학습 중인 실행이 있습니다.</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="49" />
            <source>The engine (TensorFlow) is still loading…</source>
            <translation>엔진(TensorFlow)을 아직 불러오는 중입니다…</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="51" />
            <source>Highlight a past run to continue it.</source>
            <translation>이어서 학습할 이전 실행을 선택하세요.</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="53" />
            <source>This run is not in the runs folder's list (press F5 to rescan).</source>
            <translation>이 실행은 실행 폴더 목록에 없습니다 (F5를 눌러 다시 읽으세요).</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="56" />
            <source>{0} is still being trained.</source>
            <translation>{0}은(는) 아직 학습 중입니다.</translation>
        </message>
        <message>
            <location filename="../training/run_list.py" line="58" />
            <source>{0} has no finished epoch to continue from.</source>
            <translation>{0}에는 이어서 학습할 완료된 에포크가 없습니다.</translation>
        </message>
    </context>
    <context>
        <name>SnapshotPanel</name>
        <message>
            <location filename="../training/snapshot_panel.py" line="20" />
            <source>Epoch {0}: originals (top), reconstructions (bottom)</source>
            <translation>에포크 {0}: 원본 (위), 재구성 (아래)</translation>
        </message>
        <message>
            <location filename="../training/snapshot_panel.py" line="23" />
            <source>Epoch {0}: samples from fixed noise</source>
            <translation>에포크 {0}: 고정된 잡음에서 생성한 샘플</translation>
        </message>
        <message>
            <location filename="../training/snapshot_panel.py" line="46" />
            <source>Reconstructions or GAN samples appear here after each epoch.</source>
            <translation>에포크가 끝날 때마다 재구성 이미지나 GAN 샘플이 여기에 나타납니다.</translation>
        </message>
    </context>
    <context>
        <name>StatusPanel</name>
        <message>
            <location filename="../widgets/status_panel.py" line="69" />
            <source>Engine failed to load</source>
            <translation>엔진을 불러오지 못했습니다</translation>
        </message>
        <message>
            <location filename="../widgets/status_panel.py" line="71" />
            <source>Engine: {0}</source>
            <translation>엔진: {0}</translation>
        </message>
        <message>
            <location filename="../widgets/status_panel.py" line="71" />
            <source>ready</source>
            <translation>준비됨</translation>
        </message>
        <message>
            <location filename="../widgets/status_panel.py" line="73" />
            <source>Loading the engine (TensorFlow)…</source>
            <translation>엔진(TensorFlow)을 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../widgets/status_panel.py" line="78" />
            <source>Dataset: resolving…</source>
            <translation>데이터셋: 확인 중…</translation>
        </message>
        <message>
            <location filename="../widgets/status_panel.py" line="80" />
            <source>Dataset: {0}</source>
            <translation>데이터셋: {0}</translation>
        </message>
        <message>
            <location filename="../widgets/status_panel.py" line="85" />
            <source>Model: none</source>
            <translation>모델: 없음</translation>
        </message>
        <message>
            <location filename="../widgets/status_panel.py" line="87" />
            <source>Model: {0} · {1}</source>
            <translation>모델: {0} · {1}</translation>
        </message>
    </context>
    <context>
        <name>StructureTreeWidget</name>
        <message>
            <location filename="../layers/structure.py" line="21" />
            <source>Layer</source>
            <translation>층</translation>
        </message>
        <message>
            <location filename="../layers/structure.py" line="21" />
            <source>Class</source>
            <translation>클래스</translation>
        </message>
        <message>
            <location filename="../layers/structure.py" line="22" />
            <source>Output shape</source>
            <translation>출력 모양</translation>
        </message>
        <message>
            <location filename="../layers/structure.py" line="22" />
            <source>Params</source>
            <translation>파라미터</translation>
        </message>
        <message>
            <location filename="../layers/structure.py" line="23" />
            <source>From</source>
            <translation>입력 출처</translation>
        </message>
        <message>
            <location filename="../layers/structure.py" line="51" />
            <source>{0}: {1} parameters</source>
            <translation>{0}: 파라미터 {1}개</translation>
        </message>
        <message>
            <location filename="../layers/structure.py" line="53" />
            <source>{0}
inputs: {1}</source>
            <translation>{0}
입력: {1}</translation>
        </message>
    </context>
    <context>
        <name>TrainingFormWidget</name>
        <message>
            <location filename="../training/form.py" line="52" />
            <source>Classifier (784→64→64→10)</source>
            <extracomment>The metrics each kind reports per batch (GAN quality metrics join at epoch ends).</extracomment>
            <translation>분류 모델 (784→64→64→10)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="53" />
            <source>Autoencoder</source>
            <translation>오토 인코더 (autoencoder)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="54" />
            <source>VAE (2-D latent)</source>
            <translation>변이형 오토 인코더 (VAE, 2차원 잠재 공간)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="55" />
            <source>GAN</source>
            <translation>적대적 생성 신경망 (GAN)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="56" />
            <source>Conditional VAE (label-aware)</source>
            <translation>조건부 변이형 오토 인코더 (레이블 사용)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="64" />
            <source>default for the dataset</source>
            <translation>데이터셋에 맞는 기본값</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="65" />
            <source>AC-GAN (class-conditional DCGAN)</source>
            <translation>AC-GAN (클래스 조건부 DCGAN)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="66" />
            <source>DCGAN (unconditional)</source>
            <translation>DCGAN (조건 없음)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="67" />
            <location filename="../training/form.py" line="69" />
            <source>dense layers</source>
            <translation>완전 연결 층</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="68" />
            <source>convolutional</source>
            <translation>합성곱</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="142" />
            <source>Run settings</source>
            <translation>실행 설정</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="144" />
            <source>Model</source>
            <translation>모델</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="144" />
            <source>What to train: a classifier or a generative model</source>
            <translation>학습할 모델: 분류 모델 (classifier) 또는 생성 모델 (generative model)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="145" />
            <source>Architecture</source>
            <translation>구조</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="146" />
            <source>The network of the chosen model. By default a GAN is class-conditional (AC-GAN) on grey images of 16 px or more, unconditional (DCGAN) on colour images and dense on small ones</source>
            <translation>고른 모델의 신경망 구조입니다. 기본값에서 GAN은 16픽셀 이상의 흑백 이미지에서는 클래스 조건부(AC-GAN), 컬러 이미지에서는 조건 없는 DCGAN, 작은 이미지에서는 완전 연결 층으로 만듭니다</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="148" />
            <source>Dataset</source>
            <translation>데이터셋</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="149" />
            <source>Epochs</source>
            <translation>에포크</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="149" />
            <source>Epochs: passes over the training images</source>
            <translation>에포크 (epoch): 학습 이미지 전체를 한 번 훑는 횟수</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="150" />
            <source>Batch size</source>
            <translation>배치 크기</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="150" />
            <source>Batch size: images per training step</source>
            <translation>배치 크기 (batch size): 학습 단계마다 쓰는 이미지 수</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="151" />
            <source>Learning rate</source>
            <translation>학습률</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="151" />
            <source>Learning rate: the optimizer's step size</source>
            <translation>학습률 (learning rate): 옵티마이저가 한 번에 움직이는 크기</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="152" />
            <source>Latent dim</source>
            <translation>잠재 차원</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="152" />
            <source>Dimensions of the latent space</source>
            <translation>잠재 공간 (latent space)의 차원 수</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="153" />
            <source>Seed</source>
            <translation>시드</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="153" />
            <source>Random seed: the same seed gives the same run</source>
            <translation>난수 시드 (seed): 같은 시드는 같은 결과를 냅니다</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="154" />
            <source>Training images</source>
            <translation>학습 이미지 수</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="154" />
            <source>How many training images to use (all: every one)</source>
            <translation>사용할 학습 이미지 수 (전체: 모두 사용)</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="159" />
            <source>all</source>
            <translation>전체</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="160" />
            <source>Train</source>
            <translation>학습</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="161" />
            <source>Pause</source>
            <translation>일시 정지</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="162" />
            <source>Resume</source>
            <translation>재개</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="163" />
            <source>Stop</source>
            <translation>중지</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="171" />
            <source>Resolving the default dataset…</source>
            <translation>기본 데이터셋 확인 중…</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="173" />
            <location filename="../training/form.py" line="253" />
            <source>Open IDX folder…</source>
            <translation>IDX 폴더 열기…</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="175" />
            <location filename="../training/form.py" line="254" />
            <source>Open .npz…</source>
            <translation>.npz 열기…</translation>
        </message>
        <message>
            <location filename="../training/form.py" line="177" />
            <location filename="../training/form.py" line="255" />
            <source>Open image folder (class subfolders)…</source>
            <translation>이미지 폴더 열기 (클래스별 하위 폴더)…</translation>
        </message>
    </context>
    <context>
        <name>TrainingTab</name>
        <message>
            <location filename="../training/status_text.py" line="28" />
            <source>Epoch {0}/{1} · batch {2}/{3} · ETA {4}</source>
            <translation>에포크 {0}/{1} · 배치 {2}/{3} · 남은 시간 {4}</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="35" />
            <source>(paused)</source>
            <translation>(일시 정지됨)</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="45" />
            <source>Stopped by the user before the first epoch finished; nothing was saved.</source>
            <translation>첫 에포크가 끝나기 전에 사용자가 중지했습니다. 저장된 것이 없습니다.</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="56" />
            <source>Trained %n epoch(s)</source>
            <translation>에포크 %n개를 학습했습니다</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="58" />
            <source>; test accuracy {0}</source>
            <translation>; 테스트 정확도 {0}</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="63" />
            <source>Stopped by the user after %n epoch(s); the last checkpoint is kept.</source>
            <translation>에포크 %n개를 마친 뒤 사용자가 중지했습니다. 마지막 체크포인트는 남아 있습니다.</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="66" />
            <source>Stopped before training started.</source>
            <translation>학습을 시작하기 전에 중지했습니다.</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="84" />
            <source>Completed</source>
            <translation>완료</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="85" />
            <source>Stopped</source>
            <translation>중지됨</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="86" />
            <source>Failed</source>
            <translation>실패</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="87" />
            <source>Running</source>
            <translation>학습 중</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="88" />
            <source>Interrupted</source>
            <translation>중단됨</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="102" />
            <source>Test accuracy: {0}</source>
            <translation>테스트 정확도: {0}</translation>
        </message>
        <message>
            <location filename="../training/status_text.py" line="105" />
            <source>Test: {0}</source>
            <translation>테스트: {0}</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="58" />
            <source>Idle</source>
            <extracomment>Batch events reach the GUI at most once per this many ms (the last batch always does).</extracomment>
            <translation>대기 중</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="59" />
            <source>Dataset: loading…</source>
            <translation>데이터셋: 불러오는 중…</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="117" />
            <source>Past runs (double-click to reopen)</source>
            <translation>이전 실행 (두 번 클릭하면 다시 엽니다)</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="118" />
            <source>Train</source>
            <translation>학습</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="119" />
            <source>Pause/resume training</source>
            <translation>학습 일시 정지/재개</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="120" />
            <source>Stop training</source>
            <translation>학습 중지</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="169" />
            <source>Training a {0} on {1}…</source>
            <translation>{1}(으)로 {0} 학습 중…</translation>
        </message>
        <message numerus="yes">
            <location filename="../training/tab.py" line="189" />
            <source>Continuing {0} for %n more epoch(s)…</source>
            <translation>
                <numerusform>{0}을(를) %n 에포크 더 학습하는 중…</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="196" />
            <source>Paused.</source>
            <translation>일시 정지했습니다.</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="205" />
            <source>Resumed.</source>
            <translation>재개했습니다.</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="219" />
            <source>Stopping after the current batch…</source>
            <translation>현재 배치가 끝나면 중지합니다…</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="228" />
            <source>A run is training: open another run once it ends.</source>
            <translation>학습 중인 실행이 있습니다: 끝난 뒤에 다른 실행을 여세요.</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="234" />
            <source>Cannot open run</source>
            <translation>실행을 열 수 없습니다</translation>
        </message>
        <message numerus="yes">
            <location filename="../training/tab.py" line="242" />
            <source>{0}: {1}, %n epoch(s)</source>
            <translation>
                <numerusform>{0}: {1}, 에포크 %n개</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../training/tab.py" line="244" />
            <source>Opened {0} ({1}, {2}, %n epoch(s)).</source>
            <translation>
                <numerusform>{0}을(를) 열었습니다 ({1}, {2}, 에포크 %n개).</numerusform>
            </translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="272" />
            <source>Starting…</source>
            <translation>시작하는 중…</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="301" />
            <source>Epoch {0}: {1}</source>
            <translation>에포크 {0}: {1}</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="317" />
            <source>Run folder {0} · dataset {1}</source>
            <translation>실행 폴더 {0} · 데이터셋 {1}</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="327" />
            <location filename="../training/tab.py" line="334" />
            <source>Training failed</source>
            <translation>학습 실패</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="333" />
            <source>Failed: {0}</source>
            <translation>실패: {0}</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="350" />
            <source>Engine ready.</source>
            <translation>엔진 준비 완료.</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="367" />
            <source>Continue training</source>
            <translation>이어서 학습</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="367" />
            <source>Continue {0}</source>
            <translation>{0} 이어서 학습</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="371" />
            <source>Train {0} for the form's number of epochs more.</source>
            <translation>{0}을(를) 설정한 에포크 수만큼 더 학습합니다.</translation>
        </message>
        <message>
            <location filename="../training/tab.py" line="383" />
            <source>The engine (TensorFlow) is still loading…</source>
            <translation>엔진(TensorFlow)을 아직 불러오는 중입니다…</translation>
        </message>
        <message>
            <location filename="../training/jobs.py" line="39" />
            <source>Could not load {0} ({1}); using the default dataset.</source>
            <translation>{0}을(를) 불러올 수 없어 기본 데이터셋을 사용합니다 ({1}).</translation>
        </message>
        <message>
            <location filename="../training/first_steps.py" line="15" />
            <source>Waiting for the engine: training starts when it is ready…</source>
            <translation>엔진을 기다리는 중: 준비되는 대로 학습을 시작합니다…</translation>
        </message>
    </context>
    <context>
        <name>UnitDetailWidget</name>
        <message>
            <location filename="../layers/detail.py" line="50" />
            <source>Click a unit or feature map to enlarge it and find the test images that activate it most.</source>
            <translation>유닛이나 특성 맵을 클릭하면 크게 보여 주고, 그것을 가장 강하게 활성화하는 테스트 이미지를 찾습니다.</translation>
        </message>
        <message>
            <location filename="../layers/detail.py" line="78" />
            <source>{0}, feature map {1}: mean {2}, max {3}</source>
            <translation>{0}, 특성 맵 {1}: 평균 {2}, 최댓값 {3}</translation>
        </message>
        <message>
            <location filename="../layers/detail.py" line="86" />
            <source>{0}, unit {1}: {2} (layer range {3} … {4})</source>
            <translation>{0}, 유닛 {1}: {2} (층 범위 {3} … {4})</translation>
        </message>
        <message>
            <location filename="../layers/detail.py" line="99" />
            <source>Load a dataset to find the test images that activate it most.</source>
            <translation>가장 강하게 활성화하는 테스트 이미지를 찾으려면 데이터셋을 불러오세요.</translation>
        </message>
        <message>
            <location filename="../layers/detail.py" line="101" />
            <source>Searching the test split…</source>
            <translation>테스트 세트를 찾는 중…</translation>
        </message>
        <message>
            <location filename="../layers/detail.py" line="131" />
            <source>Most activating test images: {0}</source>
            <translation>가장 강하게 활성화하는 테스트 이미지: {0}</translation>
        </message>
    </context>
</TS>
